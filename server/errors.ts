/**
 * @module
 * `AppError`: the one error type the routes throw; `onError` turns it into the envelope.
 */
import { ERROR_STATUS } from '../protocol/errors'
import type { ErrorCode, ErrorEnvelope, Issue } from '../protocol/errors'

export interface AppErrorOptions {
  issues?: Issue[]
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number
  /** Safe-to-log facts about the cause (never keys, bodies or image data). */
  logFields?: Record<string, unknown>
  /** True for transient upstream failures that may succeed if tried again. */
  retryable?: boolean
  /** How long Google asked us to wait before trying again (RetryInfo), in seconds. */
  upstreamRetryDelaySeconds?: number
  cause?: unknown
}

/** An error a Peel client can act on: the message is a sentence that says what to do. */
export class AppError extends Error {
  override name = 'AppError'
  readonly issues?: Issue[]
  readonly retryAfterSeconds?: number
  readonly logFields?: Record<string, unknown>
  readonly retryable: boolean
  readonly upstreamRetryDelaySeconds?: number
  /** Upstream attempts made before this error was final. */
  attempts?: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {}
  ) {
    super(message, { cause: options.cause })
    this.issues = options.issues
    this.retryAfterSeconds = options.retryAfterSeconds
    this.logFields = options.logFields
    this.retryable = options.retryable ?? false
    this.upstreamRetryDelaySeconds = options.upstreamRetryDelaySeconds
  }

  /** Records how many upstream attempts ended in this error. */
  withAttempts(attempts: number): this {
    this.attempts = attempts
    return this
  }

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code]
  }
}

/** The caller went away; nobody is left to read a reply. */
export class ClientClosedError extends Error {
  override name = 'ClientClosedError'
}

/** The body a client receives for an error, over JSON or as an SSE `error` event. */
export function toEnvelope(error: AppError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.issues === undefined ? {} : { issues: error.issues }),
      ...(error.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.attempts === undefined ? {} : { attempts: error.attempts }),
    },
  }
}

/** The 413 for a body past the limit, sent before the rest of it is read. */
export function tooLarge(maxBytes?: number): AppError {
  const limit = maxBytes === undefined ? '' : ` (${Math.round(maxBytes / 1024 / 1024)} MB)`
  return new AppError(
    'payload_too_large',
    `The request is larger than this server accepts${limit}. Send fewer or smaller references.`
  )
}

/** The 408 for a body that stalled or took longer than the body deadline. */
export function bodyTimedOut(reason: 'idle' | 'total', ms: number): AppError {
  const seconds = Math.round(ms / 1000)
  return new AppError(
    'request_timeout',
    reason === 'idle'
      ? `The request body stopped arriving for ${seconds} s. Check the connection to the Peel server and send it again.`
      : `The request body took longer than ${seconds} s to arrive. Check the connection, or send fewer or smaller references.`
  )
}

/** The 409 for an Idempotency-Key reused for a different request. */
export function keyConflict(): AppError {
  return new AppError(
    'conflict',
    'This Idempotency-Key was already used for a different request. Use a new key for a new request.'
  )
}
