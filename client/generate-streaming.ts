/**
 * @module
 * A streamed generation that survives a dropped connection: every attempt carries the same
 * Idempotency-Key, so the server joins the generation still running or replays the finished one
 * and the user never pays twice. Cancel aborts the request and also sends `DELETE`, so the server
 * stops the upstream call even when a proxy keeps the old connection open.
 */
import type { GenerateRequestInput, GenerateResponse } from '../protocol/api'
import { type ApiResult, CANCELLED, fail } from './client-error'
import { type StreamContext, streamAttempt, type StreamUpdate } from './stream-attempt'

export type { StreamUpdate } from './stream-attempt'

export interface StreamCallOptions {
  signal?: AbortSignal
  /** Defaults to a fresh UUID; pass one to resume a generation across calls. */
  idempotencyKey?: string
  onUpdate?: (update: StreamUpdate) => void
  timeoutMs?: number
  /** Connections tried in all before giving up. */
  tries?: number
  /** Waits before the 2nd, 3rd… connection. */
  backoffMs?: readonly number[]
}

/** A best-effort cancel must not hold up the page. */
export const CANCEL_TIMEOUT_MS = 3_000

const DEFAULT_BACKOFF_MS = [500, 1_500, 3_000]

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}

/** Asks the server to stop the generation with this key; failures are ignored. */
export async function cancelRemote(context: StreamContext, key: string): Promise<void> {
  try {
    await context.fetch(`${context.root}/v1/generations/${encodeURIComponent(key)}`, {
      method: 'DELETE',
      headers: context.headersFor('application/json', false),
      signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS),
    })
  } catch {
    // Best effort: the aborted connection already tells the server to stop.
  }
}

// A function call, so TypeScript does not assume `aborted` stays what an earlier check saw.
const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true

/** Streams one generation with bounded reconnects, within `timeoutMs` overall. */
export async function generateStreaming(
  context: StreamContext,
  request: GenerateRequestInput,
  {
    signal,
    idempotencyKey = crypto.randomUUID(),
    onUpdate = () => undefined,
    timeoutMs = 180_000,
    tries = 3,
    backoffMs = DEFAULT_BACKOFF_MS,
  }: StreamCallOptions
): Promise<ApiResult<GenerateResponse>> {
  const deadline = AbortSignal.timeout(timeoutMs)
  const stop = signal === undefined ? deadline : AbortSignal.any([signal, deadline])
  const stopRemote = (): void => {
    void cancelRemote(context, idempotencyKey)
  }
  stop.addEventListener('abort', stopRemote, { once: true })
  // Whether any attempt got an answer: a connection that dropped is not a server that is down.
  let answered = false
  try {
    for (let attempt = 1; ; attempt++) {
      if (isAborted(stop)) break
      const outcome = await streamAttempt(context, request, idempotencyKey, stop, onUpdate)
      if (outcome.kind === 'settled' && !isAborted(stop)) return outcome.result
      answered ||= outcome.kind !== 'unreached'
      if (isAborted(stop) || attempt >= tries) break
      onUpdate({ kind: 'reconnecting', attempt: attempt + 1, of: tries })
      await sleep(backoffMs[attempt - 1] ?? backoffMs.at(-1) ?? 0, stop)
    }
  } finally {
    stop.removeEventListener('abort', stopRemote)
  }
  if (isAborted(signal)) return { ok: false, error: CANCELLED }
  if (deadline.aborted) {
    return fail('timeout', `The server did not finish within ${String(timeoutMs / 1000)} s.`)
  }
  // As the API client says it; `nextStep('network')` adds what to check.
  if (!answered) return fail('network', `Peel cannot reach the server at ${context.root}.`)
  return fail(
    'network',
    `The connection to ${context.root} dropped ${String(tries)} times during this generation.`
  )
}
