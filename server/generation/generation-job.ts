/**
 * @module
 * One generation in flight, shared by every caller waiting on it. Callers come and go (an
 * idempotent retry joins, a closed tab leaves); the upstream call is aborted only when the last
 * one leaves, so a dropped connection never wastes work someone else still wants.
 */
import type { GenerateResponse } from '../../protocol/api'
import { AppError } from '../errors'
import type { GenerationEvent } from '../gemini/generation-event'

export type Outcome = { ok: true; body: GenerateResponse } | { ok: false; error: AppError }

export type JobListener = (event: GenerationEvent) => void

export interface Waiter {
  /** Stop waiting; aborts the generation when nobody else waits. */
  leave(): void
}

export class GenerationJob {
  readonly controller = new AbortController()
  readonly startedAt = Date.now()
  outcome?: Outcome
  readonly settled: Promise<Outcome>
  private readonly listeners = new Set<JobListener>()
  private waiters = 0
  private lastProgress?: GenerationEvent

  constructor(
    readonly id: string,
    readonly owner: string,
    run: (job: GenerationJob) => Promise<GenerateResponse>
  ) {
    this.settled = run(this).then(
      (body): Outcome => (this.outcome = { ok: true, body }),
      (error: unknown): Outcome => {
        const appError =
          error instanceof AppError
            ? error
            : new AppError('internal', 'Something went wrong inside Peel. Try again.')
        return (this.outcome = { ok: false, error: appError })
      }
    )
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
        if (this.waiters === 0) this.cancel()
      },
    }
  }

  /** Aborts the upstream call if it is still running. */
  cancel(): void {
    if (this.outcome === undefined) this.controller.abort()
  }
}
