/**
 * @module
 * Failures as values: what a client shows for anything that went wrong talking to the server.
 */
import { ErrorEnvelopeSchema } from '../protocol/errors'
import type { ClientErrorCode } from './next-step'

/**
 * A failure to show: its code, the sentence saying what went wrong, and the request id when the
 * server gave one. What to do next follows from the code alone (`nextStep`). A caller with
 * failures of its own (the plugin panel has main's) widens `Code`; this client only makes
 * `ClientErrorCode`s.
 */
export interface ClientError<Code extends string = ClientErrorCode> {
  code: Code
  message: string
  requestId?: string
}

export type ApiResult<T> =
  { ok: true; data: T; requestId?: string } | { ok: false; error: ClientError }

/** What Cancel (or any aborted wait) comes to, wherever it lands. */
export const CANCELLED: ClientError = { code: 'aborted', message: 'Cancelled.' }

/** A failure value. */
export function fail(code: ClientErrorCode, message: string, requestId?: string): ApiResult<never> {
  return { ok: false, error: { code, message, requestId } }
}

/** Turns an error envelope into a failure with the server's own code, its field issues appended. */
export function failFromEnvelope(body: unknown, status: number, root: string): ApiResult<never> {
  const envelope = ErrorEnvelopeSchema.safeParse(body)
  if (!envelope.success) {
    return fail(
      'bad_reply',
      `The server at ${root} answered ${String(status)} without a Peel error.`
    )
  }
  const { code, message, requestId, issues } = envelope.data.error
  const detail = issues?.map((issue) => issue.message).join(' ') ?? ''
  return fail(code, detail === '' ? message : `${message} ${detail}`, requestId)
}
