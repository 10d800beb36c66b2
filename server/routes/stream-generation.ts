/**
 * @module
 * A generation as Server-Sent Events: `progress` (repeated as a heartbeat so idle proxies keep the
 * connection), `thought`, `preview`, then one `result` or `error`. A client that leaves stops
 * waiting; the upstream call stops when nobody waits any more.
 */
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { SSEStreamingApi } from 'hono/streaming'
import type { ProgressEvent } from '../../protocol/events'
import type { AppEnv, StreamOutcome } from '../app-env'
import { toEnvelope } from '../errors'
import type { GenerationEvent } from '../gemini/generation-event'
import type { GenerationJob } from '../generation/generation-job'
import type { Outcome } from '../outcome'
import { generationJson } from './generation-json'

type Obtained = { job: GenerationJob } | { replay: Outcome }

export function streamGeneration(
  c: Context<AppEnv>,
  obtained: Obtained,
  heartbeatMs: number
): Response {
  const requestId = c.get('requestId')
  c.header('X-Accel-Buffering', 'no')
  const id = 'job' in obtained ? obtained.job.id : obtained.replay.ok ? obtained.replay.body.id : ''
  if (id !== '') c.header('X-Generation-Id', id)
  // The request (and its references) lives until the stream ends, so its admission does too.
  const release = c.get('keepAdmitted')?.() ?? (() => undefined)
  // The request log waits for this, so it reports what the client saw, not the 200 that opened it.
  let settle = (_outcome: StreamOutcome): void => undefined
  c.set(
    'streamOutcome',
    new Promise((resolve) => {
      settle = resolve
    })
  )
  const response = streamSSE(c, async (stream) => {
    let outcome: Outcome | undefined
    try {
      outcome = await streamEvents(c, stream, obtained, heartbeatMs, requestId)
    } finally {
      release()
      settle(
        outcome === undefined
          ? { ok: false, code: 'cancelled', status: 499 }
          : outcome.ok
            ? { ok: true, status: 200 }
            : { ok: false, code: outcome.error.code, status: outcome.error.status }
      )
    }
  })
  // Hono's streamSSE says `Connection: keep-alive`, which makes Node keep a socket the client
  // asked to close; without the header Node follows the request's own `Connection`.
  // Hono merges the context's headers into the reply later, so the header goes from both.
  c.header('Connection', undefined)
  response.headers.delete('Connection')
  return response
}

// The result goes out as bytes (see generation-json); writeSSE would take it only as a string.
function writeOutcome(stream: SSEStreamingApi, outcome: Outcome, requestId: string) {
  return outcome.ok
    ? stream.write(
        Buffer.concat([
          Buffer.from('event: result\ndata: '),
          generationJson(outcome.body),
          Buffer.from('\n\n'),
        ])
      )
    : stream.writeSSE({
        event: 'error',
        data: JSON.stringify(toEnvelope(outcome.error, requestId)),
      })
}

/** Streams the job's events and its outcome; resolves with the outcome, once written. */
async function streamEvents(
  c: Context<AppEnv>,
  stream: SSEStreamingApi,
  obtained: Obtained,
  heartbeatMs: number,
  requestId: string
): Promise<Outcome> {
  if ('replay' in obtained) {
    await writeOutcome(stream, obtained.replay, requestId)
    return obtained.replay
  }
  const { job } = obtained
  let last: ProgressEvent = { id: job.id, stage: 'queued', attempt: 1, elapsedMs: 0 }
  // Writes are queued in order; a write to a closed stream is dropped, not thrown.
  let queue = Promise.resolve()
  const enqueue = (write: () => Promise<unknown>) => {
    queue = queue.then(write).then(
      () => undefined,
      () => undefined
    )
  }
  const send = (message: { event: string; data: string }) => {
    enqueue(() => stream.writeSSE(message))
  }
  const onEvent = (event: GenerationEvent) => {
    if (event.type === 'progress') {
      last = {
        id: job.id,
        stage: event.stage,
        attempt: event.attempt,
        elapsedMs: Date.now() - job.startedAt,
        ...(event.delayMs === undefined ? {} : { delayMs: event.delayMs }),
      }
      send({ event: 'progress', data: JSON.stringify(last) })
    } else if (event.type === 'thought') {
      send({ event: 'thought', data: JSON.stringify({ text: event.text }) })
    } else {
      send({ event: 'preview', data: JSON.stringify(event.image) })
    }
  }
  send({ event: 'progress', data: JSON.stringify(last) })
  const waiter = job.join(onEvent)
  const leave = () => {
    waiter.leave()
  }
  stream.onAbort(leave)
  c.req.raw.signal.addEventListener('abort', leave, { once: true })
  const heartbeat = setInterval(() => {
    last = { ...last, elapsedMs: Date.now() - job.startedAt }
    send({ event: 'progress', data: JSON.stringify(last) })
  }, heartbeatMs)
  try {
    const outcome = await job.settled
    if (outcome.ok) c.set('attempts', outcome.body.attempts)
    enqueue(() => writeOutcome(stream, outcome, requestId))
    await queue
    return outcome
  } finally {
    clearInterval(heartbeat)
    c.req.raw.signal.removeEventListener('abort', leave)
    waiter.leave()
  }
}
