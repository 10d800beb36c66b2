/**
 * @module
 * The main end of the bus: validated requests in, typed handlers, every failure answered.
 */
import type { z } from 'zod'

import {
  type BusError,
  type EventName,
  type EventPayload,
  CancelMessageSchema,
  MAIN_METHODS,
  type MethodName,
  type MethodResult,
  RequestMessageSchema,
} from '../protocol/messages'
import { RpcError, type Transport } from '../protocol/rpc-error'

/**
 * Whether the UI has cancelled a call, for long handlers to check between steps. A plain flag:
 * Figma's main-thread sandbox has no AbortController.
 */
export interface Cancellation {
  readonly cancelled: boolean
}

type Handler<M extends MethodName> = (
  params: z.output<(typeof MAIN_METHODS)[M]['params']>,
  cancellation: Cancellation
) => Promise<MethodResult<M>> | MethodResult<M>

/** What main registers handlers on and pushes events through. */
export interface RpcServer {
  handle<M extends MethodName>(method: M, handler: Handler<M>): void
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  dispose(): void
}

/** Serves the UI's calls. A throwing handler becomes an error reply, never a silent hang. */
export function createRpcServer(transport: Transport): RpcServer {
  const handlers = new Map<string, (params: unknown, cancellation: Cancellation) => unknown>()
  const running = new Map<string, { cancelled: boolean }>()

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
    const cancellation = { cancelled: false }
    running.set(id, cancellation)
    try {
      const result = await handler(parsed.data, cancellation)
      transport.send({ kind: 'res', id, ok: true, result })
    } catch (error) {
      reply(id, toBusError(error))
    } finally {
      running.delete(id)
    }
  }

  function reply(id: string, error: BusError): void {
    transport.send({ kind: 'res', id, ok: false, error })
  }

  const unsubscribe = transport.subscribe((message) => {
    const cancel = CancelMessageSchema.safeParse(message)
    if (cancel.success) {
      const call = running.get(cancel.data.id)
      if (call !== undefined) call.cancelled = true
    } else void answer(message)
  })

  return {
    handle(method, handler) {
      handlers.set(method, handler as (params: unknown, cancellation: Cancellation) => unknown)
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
