/**
 * @module
 * One connection of a streamed generation: POST with `Accept: text/event-stream`, every event
 * validated with the protocol's schemas, ending in a result, a failure, or a dropped connection
 * that the caller may retry with the same Idempotency-Key.
 */
import {
  type GenerateRequestInput,
  type GenerateResponse,
  GenerateResponseSchema,
  type ImageData,
} from '../protocol/api'
import { type GenerationEventName, GenerationEventSchemas } from '../protocol/events'
import type { ProgressEvent } from '../protocol/events'
import { type ApiResult, fail, failFromEnvelope } from './client-error'
import { readSse } from './read-sse'

/** What the caller hears while a generation streams. */
export type StreamUpdate =
  | { kind: 'progress'; progress: ProgressEvent }
  | { kind: 'thought'; text: string }
  | { kind: 'preview'; image: ImageData }
  | { kind: 'reconnecting'; attempt: number; of: number }

/** How an attempt talks to the server: the API root, header builder and fetch. */
export interface StreamContext {
  root: string
  headersFor(accept: string, json: boolean): Record<string, string>
  fetch: typeof fetch
}

/**
 * How one connection ended. `dropped` is a connection lost after the server answered; `unreached`
 * is one where no answer came at all (the server is down, or the upload never finished).
 */
export type AttemptOutcome =
  | { kind: 'settled'; result: ApiResult<GenerateResponse> }
  | { kind: 'dropped' }
  | { kind: 'unreached' }

/**
 * No byte for this long after the headers means the connection is dead even if the socket says
 * otherwise: the server sends a progress heartbeat every 10 s by default.
 */
export const IDLE_LIMIT_MS = 45_000

/**
 * How long connecting and uploading may take before the headers arrive. Longer than the idle
 * limit: the server answers only once it has the whole body, and many megabytes of references
 * take a while on a slow uplink.
 */
export const CONNECT_LIMIT_MS = 120_000

const settled = (result: ApiResult<GenerateResponse>): AttemptOutcome => ({
  kind: 'settled',
  result,
})

function isEventName(name: string): name is GenerationEventName {
  return name in GenerationEventSchemas
}

// Only these end a stream; anything else garbled is skipped rather than failing the run.
const isTerminal = (event: GenerationEventName): boolean => event === 'result' || event === 'error'

/** Runs one connection. `signal` aborts it (Cancel or the overall deadline). */
export async function streamAttempt(
  context: StreamContext,
  request: GenerateRequestInput,
  key: string,
  signal: AbortSignal,
  onUpdate: (update: StreamUpdate) => void
): Promise<AttemptOutcome> {
  const idle = new AbortController()
  const expire = (): void => {
    idle.abort()
  }
  let timer = setTimeout(expire, CONNECT_LIMIT_MS)
  const alive = (): void => {
    clearTimeout(timer)
    timer = setTimeout(expire, IDLE_LIMIT_MS)
  }
  let response: Response
  try {
    response = await context.fetch(`${context.root}/v1/generations`, {
      method: 'POST',
      headers: { ...context.headersFor('text/event-stream', true), 'Idempotency-Key': key },
      body: JSON.stringify(request),
      signal: AbortSignal.any([signal, idle.signal]),
    })
  } catch {
    clearTimeout(timer)
    // Cancel and the deadline are told apart by the caller; anything else never reached Peel.
    return { kind: 'unreached' }
  }
  try {
    alive()
    const requestId = response.headers.get('x-request-id') ?? undefined
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined)
      // A proxy's bare 502/503/504 is a dropped connection; Peel's own errors are answers.
      if (body === undefined && response.status >= 502) return { kind: 'dropped' }
      return settled(failFromEnvelope(body, response.status, context.root))
    }
    // A proxy that ignores Accept gets the plain JSON reply: an answer, not a dropped stream.
    if (isJson(response)) {
      const parsed = GenerateResponseSchema.safeParse(await response.json())
      return settled(
        parsed.success
          ? { ok: true, data: parsed.data, requestId }
          : unreadable(context.root, requestId)
      )
    }
    if (response.body === null) return { kind: 'dropped' }
    for await (const { event, data } of readSse(response.body, alive)) {
      if (!isEventName(event)) continue
      let json: unknown
      try {
        json = JSON.parse(data)
      } catch {
        if (!isTerminal(event)) continue
        return settled(unreadable(context.root, requestId))
      }
      const outcome = handle(event, json, onUpdate, requestId, context.root)
      if (outcome !== undefined) return outcome
    }
    return { kind: 'dropped' }
  } catch {
    // A body cut off midway (or a JSON reply cut short) is a lost connection, worth another try.
    return { kind: 'dropped' }
  } finally {
    clearTimeout(timer)
  }
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? ''
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())
}

function handle(
  event: GenerationEventName,
  json: unknown,
  onUpdate: (update: StreamUpdate) => void,
  requestId: string | undefined,
  root: string
): AttemptOutcome | undefined {
  switch (event) {
    case 'progress': {
      const parsed = GenerationEventSchemas.progress.safeParse(json)
      if (parsed.success) onUpdate({ kind: 'progress', progress: parsed.data })
      return undefined
    }
    case 'thought': {
      const parsed = GenerationEventSchemas.thought.safeParse(json)
      if (parsed.success) onUpdate({ kind: 'thought', text: parsed.data.text })
      return undefined
    }
    case 'preview': {
      const parsed = GenerationEventSchemas.preview.safeParse(json)
      if (parsed.success) onUpdate({ kind: 'preview', image: parsed.data })
      return undefined
    }
    case 'result': {
      const parsed = GenerationEventSchemas.result.safeParse(json)
      return settled(
        parsed.success ? { ok: true, data: parsed.data, requestId } : unreadable(root, requestId)
      )
    }
    case 'error':
      return settled(failFromEnvelope(json, 500, root))
  }
}

function unreadable(root: string, requestId: string | undefined): ApiResult<never> {
  return fail('bad_reply', `The server at ${root} sent a result Peel cannot read.`, requestId)
}
