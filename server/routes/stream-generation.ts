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
import type { AppEnv } from '../app-env'
import { toEnvelope } from '../errors'
import type { GenerationEvent } from '../gemini/generation-event'
import type { GenerationJob, Outcome } from '../generation/generation-job'
import { generateResponsePieces } from './write-generate-response'

// JSON never contains a raw line break, so every event is a single `data:` line.
function frame(event: string, json: string): string {
  return `event: ${event}\ndata: ${json}\n\n`
}

function outcomeFrame(outcome: Outcome, requestId: string): string | Uint8Array {
  if (!outcome.ok) return frame('error', JSON.stringify(toEnvelope(outcome.error, requestId)))
  return Buffer.concat([
    Buffer.from('event: result\ndata: ', 'latin1'),
    ...generateResponsePieces(outcome.body),
    Buffer.from('\n\n', 'latin1'),
  ])
}

export function streamGeneration(
  c: Context<AppEnv>,
  obtained: { job: GenerationJob } | { replay: Outcome },
  heartbeatMs: number
): Response {
  const requestId = c.get('requestId')
  c.header('X-Accel-Buffering', 'no')
  // The request (and its references) lives until the stream ends, so its admission does too.
  const release = c.get('keepAdmitted')?.() ?? (() => undefined)
  return streamSSE(c, async (stream) => {
    try {
      await streamEvents(c, stream, obtained, heartbeatMs, requestId)
    } finally {
      release()
    }
  })
}

async function streamEvents(
  c: Context<AppEnv>,
  stream: SSEStreamingApi,
  obtained: { job: GenerationJob } | { replay: Outcome },
  heartbeatMs: number,
  requestId: string
): Promise<void> {
  if ('replay' in obtained) {
    await stream.write(outcomeFrame(obtained.replay, requestId))
    return
  }
  const { job } = obtained
  let last: ProgressEvent = { id: job.id, stage: 'queued', attempt: 1, elapsedMs: 0 }
  // Writes are queued in order; a write to a closed stream is dropped, not thrown.
  let queue = Promise.resolve()
  const send = (text: string | Uint8Array) => {
    queue = queue
      .then(() => stream.write(text))
      .then(
        () => undefined,
        () => undefined
      )
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
      send(frame('progress', JSON.stringify(last)))
    } else if (event.type === 'thought') {
      send(frame('thought', JSON.stringify({ text: event.text })))
    } else {
      send(frame('preview', JSON.stringify(event.image)))
    }
  }
  send(frame('progress', JSON.stringify(last)))
  const waiter = job.join(onEvent)
  const leave = () => {
    waiter.leave()
  }
  stream.onAbort(leave)
  c.req.raw.signal.addEventListener('abort', leave, { once: true })
  const heartbeat = setInterval(() => {
    last = { ...last, elapsedMs: Date.now() - job.startedAt }
    send(frame('progress', JSON.stringify(last)))
  }, heartbeatMs)
  try {
    const outcome = await job.settled
    if (outcome.ok) c.set('attempts', outcome.body.attempts)
    send(outcomeFrame(outcome, requestId))
    await queue
  } finally {
    clearInterval(heartbeat)
    c.req.raw.signal.removeEventListener('abort', leave)
    waiter.leave()
  }
}
