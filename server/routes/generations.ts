import { Hono } from 'hono'
import type { Context } from 'hono'
import { z } from 'zod'
import { GenerateRequestSchema } from '../../protocol/api'
import type { AppEnv } from '../app-env'
import {
  DEFAULT_BODY_IDLE_MS,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_SSE_HEARTBEAT_MS,
} from '../defaults'
import { ownerOf } from '../app-env'
import { AppError, ClientClosedError } from '../errors'
import { checkAgainstModel } from '../gemini/check-against-model'
import type { Catalogue } from '../gemini/create-catalogue'
import type { GenerationJob } from '../generation/generation-job'
import type { Outcome } from '../outcome'
import type { Generations } from '../generation/generations'
import { admitGeneration } from '../generation/accounting'
import type { Accounting } from '../generation/accounting'
import { jsonBody } from '../middleware/json-body'
import { generationJson } from './generation-json'
import { streamGeneration } from './stream-generation'

export interface GenerationsRouteDeps {
  catalogue: Catalogue
  generations: Generations
  accounting: Accounting
  sseHeartbeatMs?: number
  maxBodyBytes: number
  bodyIdleMs?: number
  bodyTimeoutMs?: number
}

// Printable ASCII, as Stripe and the IETF draft allow; long enough for a UUID plus a prefix.
const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/)

function idempotencyKey(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('idempotency-key')
  if (header === undefined) return undefined
  const parsed = IdempotencyKeySchema.safeParse(header.trim())
  if (!parsed.success) {
    throw new AppError(
      'invalid_request',
      'The Idempotency-Key header must be 1 to 255 printable characters without spaces.',
      { issues: [{ path: 'Idempotency-Key', message: 'Use 1 to 255 printable characters.' }] }
    )
  }
  return parsed.data
}

function respond(c: Context<AppEnv>, outcome: Outcome, replayed = false): Response {
  if (!outcome.ok) throw outcome.error
  c.set('attempts', outcome.body.attempts)
  c.header('X-Peel-Attempts', String(outcome.body.attempts))
  c.header('X-Generation-Id', outcome.body.id)
  if (replayed) c.header('Idempotent-Replayed', 'true')
  c.header('Content-Type', 'application/json')
  return c.body(generationJson(outcome.body))
}

async function awaitJob(c: Context<AppEnv>, job: GenerationJob): Promise<Response> {
  const signal = c.req.raw.signal
  const waiter = job.join()
  const leave = () => {
    waiter.leave()
  }
  signal.addEventListener('abort', leave, { once: true })
  if (signal.aborted) leave()
  const outcome = await job.settled
  signal.removeEventListener('abort', leave)
  waiter.leave()
  if (signal.aborted) throw new ClientClosedError('The client disconnected.')
  return respond(c, outcome)
}

/**
 * `POST /v1/generations`: one prompt and its references in, placeable images out, as JSON or as
 * Server-Sent Events. `DELETE /v1/generations/:id` cancels one by id or Idempotency-Key.
 */
export function generationsRoute({
  catalogue,
  generations,
  accounting,
  sseHeartbeatMs = DEFAULT_SSE_HEARTBEAT_MS,
  maxBodyBytes,
  bodyIdleMs = DEFAULT_BODY_IDLE_MS,
  bodyTimeoutMs = DEFAULT_BODY_TIMEOUT_MS,
}: GenerationsRouteDeps) {
  return new Hono<AppEnv>()
    .post(
      '/',
      jsonBody(GenerateRequestSchema, {
        maxBytes: maxBodyBytes,
        idleMs: bodyIdleMs,
        totalMs: bodyTimeoutMs,
      }),
      async (c) => {
        const request = c.req.valid('json')
        const spec = checkAgainstModel(request, catalogue)
        c.set('model', spec.id)
        const ownKey = c.req.header('x-gemini-api-key')?.trim()
        const stream = /\btext\/event-stream\b/.test(c.req.header('accept') ?? '')
        const token = c.get('token')
        const owner = ownerOf(token)
        const key = idempotencyKey(c)
        const obtained = await admitGeneration(accounting, { token, owner, spec, request }, () =>
          generations.acquire({
            owner,
            idempotencyKey: key,
            request,
            spec,
            ownKey: ownKey === '' ? undefined : ownKey,
            stream,
          })
        )
        if (stream) {
          if ('replay' in obtained) c.header('Idempotent-Replayed', 'true')
          return streamGeneration(c, obtained, sseHeartbeatMs)
        }
        return 'replay' in obtained ? respond(c, obtained.replay, true) : awaitJob(c, obtained.job)
      }
    )
    .delete('/:id', async (c) => {
      const cancelled = await generations.cancel(ownerOf(c.get('token')), c.req.param('id'))
      if (cancelled === undefined) {
        throw new AppError(
          'not_found',
          'No such generation is running for this token. It may have finished already.'
        )
      }
      return c.json(cancelled)
    })
}
