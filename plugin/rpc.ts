/**
 * @module
 * The main end of the bus: validated requests in, typed handlers, every failure answered.
 */
import type { z } from 'zod'

import {
  type BusError,
  type EventName,
  type EventPayload,
  MAIN_METHODS,
  type MethodName,
  type MethodResult,
  RequestMessageSchema,
} from '../protocol/messages'
import { RpcError, type Transport } from '../protocol/rpc-error'

type Handler<M extends MethodName> = (
  params: z.output<(typeof MAIN_METHODS)[M]['params']>
) => Promise<MethodResult<M>> | MethodResult<M>

/** What main registers handlers on and pushes events through. */
export interface RpcServer {
  handle<M extends MethodName>(method: M, handler: Handler<M>): void
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  dispose(): void
}

/** Serves the UI's calls. A throwing handler becomes an error reply, never a silent hang. */
export function createRpcServer(transport: Transport): RpcServer {
  const handlers = new Map<string, (params: unknown) => unknown>()

  async function answer(message: unknown): Promise<void> {
    const request = RequestMessageSchema.safeParse(message)
    if (!request.success) {
      const id = (message as { id?: unknown } | null)?.id
      const kind = (message as { kind?: unknown } | null)?.kind
      // Other kinds are ignored (house style); a broken request still gets an answer.
      if (kind === 'req' && typeof id === 'string') {
        reply(id, { code: 'bad_message', message: 'Peel sent Figma a malformed request.' })
      }
      return
    }
    const { id, method, params } = request.data
    const handler = handlers.get(method)
    if (!(method in MAIN_METHODS) || handler === undefined) {
      reply(id, { code: 'unknown_method', message: `Figma does not know the request ${method}.` })
      return
    }
    const schema = MAIN_METHODS[method as MethodName].params as z.ZodType
    const parsed = schema.safeParse(params)
    if (!parsed.success) {
      const first = parsed.error.issues[0]
      const where = first === undefined ? '' : ` (${first.path.join('.')}: ${first.message})`
      reply(id, { code: 'invalid_params', message: `Peel sent Figma a bad ${method}${where}.` })
      return
    }
    try {
      const result = await handler(parsed.data)
      transport.send({ kind: 'res', id, ok: true, result })
    } catch (error) {
      reply(id, toBusError(error))
    }
  }

  function reply(id: string, error: BusError): void {
    transport.send({ kind: 'res', id, ok: false, error })
  }

  const unsubscribe = transport.subscribe((message) => {
    void answer(message)
  })

  return {
    handle(method, handler) {
      handlers.set(method, handler as (params: unknown) => unknown)
    },
    emit(event, payload) {
      transport.send({ kind: 'event', name: event, payload })
    },
    dispose: unsubscribe,
  }
}

function toBusError(error: unknown): BusError {
  if (error instanceof RpcError) return { code: error.code, message: error.message }
  const detail = error instanceof Error ? error.message : String(error)
  return {
    code: 'internal',
    message: `Figma could not finish that (${detail}). Try again; if it keeps failing, reopen Peel.`,
  }
}
