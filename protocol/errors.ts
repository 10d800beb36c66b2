/**
 * @module
 * The one error envelope every non-2xx Peel reply carries, shared by the server and the UI.
 */
import { z } from 'zod'

/** Every error code a Peel client can receive, with the HTTP status that carries it. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  // The request's Host or Origin is not one this server trusts (DNS rebinding, other web pages).
  forbidden: 403,
  not_found: 404,
  // The body did not arrive in time: it stalled, or took longer than the body deadline.
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  content_blocked: 422,
  rate_limited: 429,
  // nginx's "client closed request": the generation was cancelled before it finished.
  cancelled: 499,
  internal: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
} as const

/** A machine-readable error code; clients switch on it. */
export const ErrorCodeSchema = z.enum(
  Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]
)
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

/** One bad field of a request: a dotted path and a sentence about it. */
export const IssueSchema = z.object({ path: z.string(), message: z.string() })
export type Issue = z.infer<typeof IssueSchema>

/** The body of every non-2xx reply. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    requestId: z.string(),
    issues: z.array(IssueSchema).optional(),
    /** For `rate_limited` and `upstream_unavailable`: when to try again (also `Retry-After`). */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    /** How many upstream attempts were made before giving up. */
    attempts: z.number().int().positive().optional(),
  }),
})
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>
