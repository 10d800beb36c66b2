/**
 * @module
 * Idempotency-Keys for one instance: claims in a map, finished outcomes in a cache bounded by age
 * and bytes, and waiters told of the outcome (kept or not) the moment the holder releases.
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import type { Outcome } from '../outcome'
import type { Claim, ClaimResult, IdempotencyStore } from './idempotency-store'
import { ResultCache } from './result-cache'
import type { ResultCacheOptions } from './result-cache'

const cancelled = (): Outcome => ({
  ok: false,
  error: new AppError('cancelled', 'The generation was cancelled before it finished.'),
})

export class MemoryIdempotency implements IdempotencyStore {
  private readonly finished: ResultCache
  private readonly claims = new Map<string, Claim>()
  private readonly waiters = new Map<string, Set<(outcome: Outcome) => void>>()
  private readonly instance = randomUUID()

  constructor(options: ResultCacheOptions) {
    this.finished = new ResultCache(options)
  }

  get heldBytes(): number {
    return this.finished.size.bytes
  }

  claim(key: string, wanted: Omit<Claim, 'instance'>): Promise<ClaimResult> {
    const done = this.finished.get(key)
    if (done !== undefined) return Promise.resolve({ kind: 'finished', ...done })
    const holder = this.claims.get(key)
    if (holder !== undefined) return Promise.resolve({ kind: 'running', holder })
    const claim: Claim = { ...wanted, instance: this.instance }
    this.claims.set(key, claim)
    return Promise.resolve({ kind: 'claimed', claim })
  }

  hold(): () => void {
    // A claim in process lasts until it is released; nothing lapses.
    return () => undefined
  }

  release(key: string, claim: Claim, outcome: Outcome, keep: boolean): Promise<void> {
    if (keep) this.finished.set(key, claim.fingerprint, outcome)
    if (this.claims.get(key) === claim) this.claims.delete(key)
    const waiting = this.waiters.get(key)
    this.waiters.delete(key)
    for (const resolve of waiting ?? []) resolve(outcome)
    return Promise.resolve()
  }

  wait(key: string, holder: Claim, signal: AbortSignal): Promise<Outcome> {
    if (signal.aborted) return Promise.resolve(cancelled())
    if (this.claims.get(key) !== holder) {
      // Released before this waiter came: its outcome is kept, or there is none to share.
      const done = this.finished.get(key)
      return Promise.resolve(
        done?.fingerprint === holder.fingerprint
          ? done.outcome
          : {
              ok: false,
              error: new AppError(
                'upstream_unavailable',
                'The same request stopped before it finished. Try again with the same Idempotency-Key.',
                { retryable: true, retryAfterSeconds: 1 }
              ),
            }
      )
    }
    return new Promise((resolve) => {
      const set = this.waiters.get(key) ?? new Set()
      const onOutcome = (outcome: Outcome) => {
        signal.removeEventListener('abort', onAbort)
        resolve(outcome)
      }
      const onAbort = () => {
        set.delete(onOutcome)
        resolve(cancelled())
      }
      set.add(onOutcome)
      this.waiters.set(key, set)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
