/**
 * @module
 * Turns a request's `[sim:…]` directives into the failure they stage, before any image is made.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { createHash } from 'node:crypto'
import type { BoundedSet } from './bounded-set'
import { faultError, GOOGLE_MESSAGES, googleError } from './google-error'
import type { Directives } from './parse-directives'

export interface FaultContext {
  model: string
  rawBody: string
  stream: boolean
  hangMs: number
  /** Bodies that already failed once under `[sim:fail_once=…]`. */
  failedOnce: BoundedSet<string>
  signal: AbortSignal
}

/** The error reply a directive stages, or `undefined` to go on generating. */
export async function stageFault(
  directives: Directives,
  context: FaultContext
): Promise<Response | undefined> {
  if (directives.failOnce !== undefined) {
    const key = createHash('sha256').update(context.model).update('\0').update(context.rawBody)
    const digest = key.digest('hex')
    if (!context.failedOnce.has(digest)) {
      context.failedOnce.add(digest)
      return faultError(directives.failOnce, context.model)
    }
  }
  if (directives.status !== undefined) return faultError(directives.status, context.model)
  if (directives.fault === 'timeout') {
    await delay(context.hangMs, undefined, { signal: context.signal }).catch(() => undefined)
    return googleError('DEADLINE_EXCEEDED', GOOGLE_MESSAGES.deadline)
  }
  if (directives.fault === 'stream_error' && !context.stream) {
    return googleError('INTERNAL', GOOGLE_MESSAGES.internal)
  }
  return undefined
}
