/**
 * @module
 * What Peel instances write to Redis and to each other over pub/sub, as schemas: anything read
 * back (possibly written by another version, or by hand) is checked before it is believed.
 */
import { z } from 'zod'
import { GenerateResponseSchema } from '../../protocol/api'
import { ErrorCodeSchema, IssueSchema } from '../../protocol/errors'
import { AppError } from '../errors'
import type { Logger } from '../logger'
import type { Outcome } from '../outcome'

const StoredErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  attempts: z.number().int().positive().optional(),
  retryable: z.boolean(),
})
type StoredError = z.infer<typeof StoredErrorSchema>

/** A kept outcome, under the key's outcome entry. */
export const StoredOutcomeSchema = z.union([
  z.object({ fingerprint: z.string(), body: GenerateResponseSchema }),
  z.object({ fingerprint: z.string(), error: StoredErrorSchema }),
])

/** A claim on a key, under its lock entry. */
export const ClaimSchema = z.object({
  fingerprint: z.string(),
  instance: z.string(),
  id: z.string(),
})

/** An announced generation: which instance runs it. */
export const RunningSchema = z.object({ instance: z.string(), id: z.string() })

/** Published on release: which key (hashed), which generation, and its error when not kept. */
export const ReleasedSchema = z.object({
  key: z.string(),
  id: z.string(),
  error: StoredErrorSchema.optional(),
})
export type Released = z.infer<typeof ReleasedSchema>

/** Published to cancel: the instance running a generation, and its callers on the sender. */
export const CancelRequestSchema = z.object({
  instance: z.string(),
  id: z.string(),
  // An instance of an older version sends no count: count nobody there.
  waiting: z.number().int().nonnegative().catch(0),
})
export type CancelRequest = z.infer<typeof CancelRequestSchema>

/**
 * `text` parsed as JSON and checked against `schema`, or `undefined` (with a warning naming
 * `what`, never the value, which may hold a caller's data) when it is not what Peel writes.
 */
export function readPayload<S extends z.ZodType>(
  schema: S,
  text: string,
  what: string,
  logger?: Logger
): z.output<S> | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  logger?.log('warn', 'unreadable value in Redis ignored', { what })
  return undefined
}

export function storeError(error: AppError): StoredError {
  return {
    code: error.code,
    message: error.message,
    issues: error.issues,
    retryAfterSeconds: error.retryAfterSeconds,
    attempts: error.attempts,
    retryable: error.retryable,
  }
}

export function toAppError(stored: StoredError): AppError {
  const error = new AppError(stored.code, stored.message, {
    issues: stored.issues,
    retryAfterSeconds: stored.retryAfterSeconds,
    retryable: stored.retryable,
  })
  return stored.attempts === undefined ? error : error.withAttempts(stored.attempts)
}

export function encodeOutcome(fingerprint: string, outcome: Outcome): string {
  return JSON.stringify(
    outcome.ok
      ? { fingerprint, body: outcome.body }
      : { fingerprint, error: storeError(outcome.error) }
  )
}

export function decodeOutcome(stored: z.output<typeof StoredOutcomeSchema>): {
  fingerprint: string
  outcome: Outcome
} {
  return 'body' in stored
    ? { fingerprint: stored.fingerprint, outcome: { ok: true, body: stored.body } }
    : { fingerprint: stored.fingerprint, outcome: { ok: false, error: toAppError(stored.error) } }
}
