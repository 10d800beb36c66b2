/**
 * @module
 * One generation in flight, shared by every caller waiting on it. Callers come and go (an
 * idempotent retry joins, a closed tab leaves); the upstream call is aborted only when the last
 * one leaves, so a dropped connection never wastes work someone else still wants.
 */
import type { GenerateResponse } from '../../protocol/api'
import { AppError } from '../errors'
import type { GenerationEvent } from '../gemini/generation-event'
import type { Outcome } from '../outcome'

export type JobListener = (event: GenerationEvent) => void

export interface Waiter {
  /** Stop waiting; aborts the generation when nobody else waits. */
  leave(): void
}

export interface JobOptions {
  /** Runs with the outcome before any caller sees it: shares it with other instances. */
  share?: (outcome: Outcome) => Promise<void>
  /**
   * How long the upstream call keeps running after the last caller leaves. A client that lost
   * its connection and retries with the same Idempotency-Key rejoins within it instead of paying
   * for a second generation; explicit cancels (DELETE) do not wait.
   */
  lingerMs?: number
}

export class GenerationJob {
  readonly controller = new AbortController()
  readonly startedAt = Date.now()
  outcome?: Outcome
  readonly settled: Promise<Outcome>
  private readonly listeners = new Set<JobListener>()
  private waiters = 0
  private lastProgress?: GenerationEvent

  private readonly lingerMs: number

  constructor(
    readonly id: string,
    readonly owner: string,
    run: (job: GenerationJob) => Promise<GenerateResponse>,
    { share, lingerMs = 0 }: JobOptions = {}
  ) {
    this.lingerMs = lingerMs
    const outcome = run(this).then(
      (body): Outcome => ({ ok: true, body }),
      (error: unknown): Outcome => {
        const appError =
          error instanceof AppError
            ? error
            : new AppError('internal', 'Something went wrong inside Peel. Try again.')
        return { ok: false, error: appError }
      }
    )
    this.settled = outcome.then(async (result) => {
      await share?.(result).catch(() => undefined)
      return (this.outcome = result)
    })
  }

  get waiting(): number {
    return this.waiters
  }

  emit(event: GenerationEvent): void {
    if (event.type === 'progress') this.lastProgress = event
    for (const listener of this.listeners) listener(event)
  }

  /** Waits on the job; a listener also receives its events, starting with the current stage. */
  join(listener?: JobListener): Waiter {
    this.waiters += 1
    if (listener !== undefined) {
      this.listeners.add(listener)
      if (this.lastProgress !== undefined) listener(this.lastProgress)
    }
    let left = false
    return {
      leave: () => {
        if (left) return
        left = true
        this.waiters -= 1
        if (listener !== undefined) this.listeners.delete(listener)
        if (this.waiters === 0) this.cancelUnlessRejoined()
      },
    }
  }

  private cancelUnlessRejoined(): void {
    if (this.lingerMs <= 0) {
      this.cancel()
      return
    }
    setTimeout(() => {
      if (this.waiters === 0) this.cancel()
    }, this.lingerMs).unref()
  }

  /** Aborts the upstream call if it is still running. */
  cancel(): void {
    if (this.outcome === undefined) this.controller.abort()
  }
}
