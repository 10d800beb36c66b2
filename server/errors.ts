/**
 * @module
 * `AppError`: the one error type the routes throw; `onError` turns it into the envelope.
 */
import { ERROR_STATUS } from '../protocol/errors'
import type { ErrorCode, Issue } from '../protocol/errors'

export interface AppErrorOptions {
  issues?: Issue[]
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number
  /** Safe-to-log facts about the cause (never keys, bodies or image data). */
  logFields?: Record<string, unknown>
  cause?: unknown
}

/** An error a Peel client can act on: the message is a sentence that says what to do. */
export class AppError extends Error {
  override name = 'AppError'
  readonly issues?: Issue[]
  readonly retryAfterSeconds?: number
  readonly logFields?: Record<string, unknown>

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {}
  ) {
    super(message, { cause: options.cause })
    this.issues = options.issues
    this.retryAfterSeconds = options.retryAfterSeconds
    this.logFields = options.logFields
  }

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code]
  }
}

/** The caller went away; nobody is left to read a reply. */
export class ClientClosedError extends Error {
  override name = 'ClientClosedError'
}
