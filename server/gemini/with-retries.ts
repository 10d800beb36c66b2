/**
 * @module
 * Retries transient Gemini failures with exponential backoff and full jitter, honouring Google's
 * `RetryInfo.retryDelay`, all inside one deadline. Gateways that retry blindly (no jitter, no
 * deadline, retrying 400s) multiply cost and load; this retries only what can succeed later.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { AppError } from '../errors'

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8000 }

export interface RetryContext {
  attempt: number
  /** Aborts when the deadline passes or the caller gives up. */
  signal: AbortSignal
}

export interface RetryOptions {
  policy: RetryPolicy
  /** Epoch ms after which no attempt starts and no wait is begun. */
  deadline: number
  signal: AbortSignal
  /** Turns whatever an attempt threw into an `AppError` that says whether it may be retried. */
  classify: (error: unknown) => AppError
  onRetry?: (info: { attempt: number; delayMs: number; error: AppError }) => void
  random?: () => number
}

/** The wait before attempt `attempt + 1`: full jitter, but never shorter than Google asked. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  const jittered = Math.round(random() * ceiling)
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000)
}

/** Runs `fn` until it succeeds, fails for good, or the deadline leaves no room for another try. */
export async function withRetries<T>(
  fn: (context: RetryContext) => Promise<T>,
  options: RetryOptions
): Promise<{ value: T; attempts: number }> {
  const { policy, deadline, signal, classify, onRetry, random } = options
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await fn({ attempt, signal }), attempts: attempt }
    } catch (thrown) {
      const error = classify(thrown)
      if (!error.retryable || attempt >= policy.attempts || signal.aborted) {
        throw error.withAttempts(attempt)
      }
      const delayMs = backoffDelay(attempt, policy, error.upstreamRetryDelaySeconds, random)
      if (Date.now() + delayMs >= deadline) throw error.withAttempts(attempt)
      onRetry?.({ attempt, delayMs, error })
      // The caller sees why the wait ended (its own abort reason), not a timer's AbortError.
      await delay(delayMs, undefined, { signal }).catch(() => {
        throw signal.reason
      })
    }
  }
}
