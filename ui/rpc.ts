/**
 * @module
 * The UI end of the bus: typed calls to main with ids and timeouts, and main's events.
 */
import type { z } from 'zod'

import {
  type EventName,
  type EventPayload,
  EventMessageSchema,
  MAIN_METHODS,
  type MethodName,
  type MethodParams,
  type MethodResult,
  ResponseMessageSchema,
  UI_EVENTS,
} from '../protocol/messages'
import { RpcError, type Transport } from '../protocol/rpc-error'

/** How long a call may wait for main before it fails: exports of several frames take seconds. */
export const DEFAULT_CALL_TIMEOUT_MS = 20_000

interface Pending {
  method: MethodName
  resolve(value: unknown): void
  reject(error: RpcError): void
  timer: ReturnType<typeof setTimeout>
}

/** The typed client the UI uses to reach main. */
export interface RpcClient {
  /** With `signal`, aborting rejects the call at once and tells main to stop its work. */
  call<M extends MethodName>(
    method: M,
    params: MethodParams<M>,
    options?: { timeoutMs?: number; signal?: AbortSignal }
  ): Promise<MethodResult<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  dispose(): void
}

/** Connects to main over a transport. Results and events are validated before anyone sees them. */
export function createRpcClient(
  transport: Transport,
  { timeoutMs = DEFAULT_CALL_TIMEOUT_MS }: { timeoutMs?: number } = {}
): RpcClient {
  const pending = new Map<string, Pending>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const prefix = Math.random().toString(36).slice(2, 8)
  let counter = 0

  function settle(message: unknown): void {
    const response = ResponseMessageSchema.safeParse(message)
    if (response.success) {
      const call = pending.get(response.data.id)
      if (call === undefined) return
      pending.delete(response.data.id)
      clearTimeout(call.timer)
      if (!response.data.ok) {
        call.reject(new RpcError(response.data.error.code, response.data.error.message))
        return
      }
      const checked = (MAIN_METHODS[call.method].result as z.ZodType).safeParse(
        response.data.result
      )
      if (checked.success) call.resolve(checked.data)
      else call.reject(new RpcError('invalid_result', brokenMessage(call.method)))
      return
    }
    const event = EventMessageSchema.safeParse(message)
    if (!event.success || !(event.data.name in UI_EVENTS)) return
    const payload = UI_EVENTS[event.data.name as EventName].safeParse(event.data.payload)
    if (!payload.success) return
    for (const listener of listeners.get(event.data.name) ?? []) listener(payload.data)
  }

  const unsubscribe = transport.subscribe(settle)

  return {
    call(method, params, options) {
      const id = `${prefix}-${String(++counter)}`
      const wait = options?.timeoutMs ?? timeoutMs
      const signal = options?.signal
      if (signal?.aborted === true) return Promise.reject(cancelledError())
      return new Promise((resolve, reject) => {
        const cancel = (): void => {
          if (!pending.delete(id)) return
          clearTimeout(timer)
          transport.send({ kind: 'cancel', id })
          reject(cancelledError())
        }
        const timer = setTimeout(() => {
          pending.delete(id)
          signal?.removeEventListener('abort', cancel)
          reject(
            new RpcError(
              'timeout',
              `Figma did not answer within ${String(Math.round(wait / 1000))} s. Close and reopen Peel, then try again.`
            )
          )
        }, wait)
        pending.set(id, {
          method,
          resolve: (value) => {
            signal?.removeEventListener('abort', cancel)
            resolve(value as MethodResult<typeof method>)
          },
          reject: (error) => {
            signal?.removeEventListener('abort', cancel)
            reject(error)
          },
          timer,
        })
        signal?.addEventListener('abort', cancel, { once: true })
        transport.send({ kind: 'req', id, method, params })
      })
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const wrapped = listener as (payload: unknown) => void
      set.add(wrapped)
      return () => set.delete(wrapped)
    },
    dispose() {
      unsubscribe()
      for (const call of pending.values()) {
        clearTimeout(call.timer)
        call.reject(new RpcError('internal', 'Peel closed before Figma answered.'))
      }
      pending.clear()
    },
  }
}

function cancelledError(): RpcError {
  return new RpcError('cancelled', 'Cancelled before Figma answered.')
}

function brokenMessage(method: string): string {
  return `Figma sent an answer to ${method} that Peel cannot read. Reopen the plugin; if it persists, report it.`
}
