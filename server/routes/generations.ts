import { Hono } from 'hono'
import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env'
import { ownerOf } from '../app-env'
import { AppError, ClientClosedError } from '../errors'
import { checkAgainstModel } from '../gemini/check-against-model'
import type { Catalogue } from '../gemini/create-catalogue'
import type { GenerationJob, Outcome } from '../generation/generation-job'
import type { Generations } from '../generation/generations'
import { admitGeneration } from '../generation/accounting'
import { GenerationRequestSchema } from '../generation/generation-request'
import type { Accounting } from '../generation/accounting'
import { requestHeader } from '../http/node-request'
import { jsonReply, reply } from '../http/reply'
import { jsonBody } from '../middleware/json-body'
import { streamGeneration } from './stream-generation'
import { generateResponsePieces } from './write-generate-response'

export interface GenerationsRouteDeps {
  catalogue: Catalogue
  generations: Generations
  accounting: Accounting
  sseHeartbeatMs?: number
  maxBodyBytes: number
}

// Printable ASCII, as Stripe and the IETF draft allow; long enough for a UUID plus a prefix.
const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/)

function idempotencyKey(c: Context<AppEnv>): string | undefined {
  const header = requestHeader(c, 'idempotency-key')
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

const STREAM_ABOVE_BYTES = 1024 * 1024

function respond(c: Context<AppEnv>, outcome: Outcome, replayed = false): Response {
  if (!outcome.ok) throw outcome.error
  c.set('attempts', outcome.body.attempts)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-peel-attempts': String(outcome.body.attempts),
    'x-generation-id': outcome.body.id,
  }
  if (replayed) headers['idempotent-replayed'] = 'true'
  const pieces = generateResponsePieces(outcome.body)
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0)
  // A large reply goes out piece by piece, straight from the bytes Gemini's reply was read into;
  // joining it first would allocate and copy every megabyte once more. Below a megabyte the copy
  // (about 0.1 ms) is cheaper than the extra writes a stream makes.
  const body =
    length < STREAM_ABOVE_BYTES
      ? Buffer.concat(pieces, length)
      : new ReadableStream<Uint8Array>({
          start(controller) {
            for (const piece of pieces) controller.enqueue(piece)
            controller.close()
          },
        })
  return reply(c, body, 200, { ...headers, 'content-length': String(length) })
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
  sseHeartbeatMs = 10_000,
  maxBodyBytes,
}: GenerationsRouteDeps) {
  return new Hono<AppEnv>()
    .post('/', jsonBody(GenerationRequestSchema, { maxBytes: maxBodyBytes }), async (c) => {
      const request = c.req.valid('json')
      const spec = checkAgainstModel(request, catalogue)
      c.set('model', spec.id)
      const ownKey = requestHeader(c, 'x-gemini-api-key')?.trim()
      const stream = /\btext\/event-stream\b/.test(requestHeader(c, 'accept') ?? '')
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
    })
    .delete('/:id', async (c) => {
      const cancelled = await generations.cancel(ownerOf(c.get('token')), c.req.param('id'))
      if (cancelled === undefined) {
        throw new AppError(
          'not_found',
          'No such generation is running for this token. It may have finished already.'
        )
      }
      return jsonReply(c, cancelled)
    })
}
