/**
 * @module
 * Every generation in flight, found by id or by the caller's Idempotency-Key. A repeat of a
 * finished request gets the same answer; a repeat of one still running joins it; so a client
 * that lost its connection and retries never pays twice. A repeat joins a generation running on
 * this instance; otherwise the `IdempotencyStore` (in process, or Redis for every instance)
 * replays a kept outcome, hands the key to this call, or names the call running it, whose
 * outcome a local job then waits for. With a `CancelBus`, cancels reach other instances too.
 */
import { randomUUID } from 'node:crypto'
import type { GenerateRequest } from '../../protocol/api'
import {
  DEFAULT_IDEMPOTENCY_MAX_MB,
  DEFAULT_IDEMPOTENCY_TTL_S,
  DEFAULT_MAX_CONCURRENT,
} from '../defaults'
import { AppError, keyConflict } from '../errors'
import type { Generator } from '../gemini/create-generator'
import type { ModelSpec } from '../gemini/model-specs'
import { fingerprint } from './fingerprint'
import { GenerationJob } from './generation-job'
import type { Outcome } from '../outcome'
import type { CancelBus } from '../state/cancel-bus'
import type { IdempotencyStore } from '../state/idempotency-store'
import { MemoryIdempotency } from '../state/memory-idempotency'
import { Semaphore } from './semaphore'

export interface JobInput {
  /** Who asked (the token's name); keys and ids are only visible to their owner. */
  owner: string
  idempotencyKey?: string
  request: GenerateRequest
  spec: ModelSpec
  ownKey?: string
  stream: boolean
}

export type Obtained = { job: GenerationJob; created: boolean } | { replay: Outcome }

/** Long enough for a client's reconnect-and-retry; short enough not to pay for abandoned work. */
const DEFAULT_LINGER_MS = 15_000

export interface IdempotencyOptions {
  /** How long a finished result can be replayed. */
  ttlMs: number
  /** Memory for finished results; the oldest are dropped past it. */
  maxBytes: number
  /** How long a keyed generation keeps running after its last caller disconnects. */
  lingerMs?: number
}

export const DEFAULT_IDEMPOTENCY: IdempotencyOptions = {
  ttlMs: DEFAULT_IDEMPOTENCY_TTL_S * 1000,
  maxBytes: DEFAULT_IDEMPOTENCY_MAX_MB * 1024 * 1024,
}

// Outcomes worth replaying: anything Gemini answered for good. Transient failures and
// cancellations are not kept, so a retry with the same key really tries again.
function isFinal(outcome: Outcome): boolean {
  return (
    outcome.ok ||
    (!outcome.error.retryable &&
      outcome.error.code !== 'cancelled' &&
      outcome.error.code !== 'internal')
  )
}

/** What `DELETE /v1/generations/{id}` did. */
export interface CancelResult {
  id: string
  /**
   * `cancelling`: asked the instance running it, which stops it unless more than one caller waits
   * on it there and here together.
   */
  status: 'cancelled' | 'running' | 'cancelling'
}

/** State shared with other instances (Redis); in process when absent. */
export interface SharedState {
  idempotency: IdempotencyStore
  cancels: CancelBus
}

export class Generations {
  private readonly byId = new Map<string, GenerationJob>()
  private readonly byKey = new Map<string, { job: GenerationJob; fingerprint: string }>()
  private readonly store: IdempotencyStore
  private readonly cancels?: CancelBus

  private readonly slots: Semaphore

  constructor(
    private readonly generator: Generator,
    idempotency: IdempotencyOptions = DEFAULT_IDEMPOTENCY,
    /** Generations allowed to call Gemini at once; the rest wait in order. */
    maxConcurrent = DEFAULT_MAX_CONCURRENT,
    shared?: SharedState
  ) {
    this.store = shared?.idempotency ?? new MemoryIdempotency(idempotency)
    this.cancels = shared?.cancels
    this.slots = new Semaphore(maxConcurrent)
    this.lingerMs = idempotency.lingerMs ?? DEFAULT_LINGER_MS
    // A cancel sent to another instance for a generation running here: the same rule as a local
    // one, counting callers on both instances (see `cancel`).
    this.cancels?.onCancel((id, waitingElsewhere) => {
      const job = this.byId.get(id)
      if (job !== undefined && job.waiting + waitingElsewhere <= 1) job.cancel()
    })
  }

  /** Jobs here that only wait for a generation another instance runs. */
  private readonly remote = new WeakSet<GenerationJob>()

  private readonly lingerMs: number

  /** Generations waiting for a free slot. */
  get queued(): number {
    return this.slots.queued
  }

  /** Generations running now. */
  get inFlight(): number {
    return this.byId.size
  }

  /** Memory held in this process by finished results kept for replays. */
  get replayBytes(): number {
    return this.store.heldBytes
  }

  /** Waits until every running generation has settled. */
  async drain(): Promise<void> {
    await Promise.all([...this.byId.values()].map((job) => job.settled))
  }

  /**
   * A job to wait on (`created` when this call started it), or the outcome of an identical
   * finished request. A claimed key's outcome reaches the store before any caller sees it.
   */
  async acquire(input: JobInput): Promise<Obtained> {
    const store = this.store
    if (input.idempotencyKey === undefined) return { job: this.start(input), created: true }
    const scoped = `${input.owner}\0${input.idempotencyKey}`
    const print = fingerprint(input.request, input.spec, input.ownKey)
    const here = this.joinHere(scoped, print)
    if (here !== undefined) return here
    const found = await store.claim(scoped, { fingerprint: print, id: `gen_${randomUUID()}` })
    if (found.kind === 'finished') {
      if (found.fingerprint !== print) throw keyConflict()
      return { replay: found.outcome }
    }
    if (found.kind === 'claimed') {
      const { claim } = found
      const unhold = store.hold(scoped, claim)
      const job = this.start(input, claim.id, (outcome) => {
        unhold()
        return store.release(scoped, claim, outcome, isFinal(outcome))
      })
      this.track(scoped, print, job)
      return { job, created: true }
    }
    const { holder } = found
    if (holder.fingerprint !== print) throw keyConflict()
    // A request here may have claimed the key while this one waited for Redis.
    const claimedHere = this.joinHere(scoped, print)
    if (claimedHere !== undefined) return claimedHere
    const job = new GenerationJob(holder.id, input.owner, async (self) => {
      const outcome = await store.wait(scoped, holder, self.controller.signal)
      if (outcome.ok) return outcome.body
      throw outcome.error
    })
    this.byId.set(job.id, job)
    void job.settled.then(() => this.byId.delete(job.id))
    this.track(scoped, print, job)
    this.remote.add(job)
    return { job, created: false }
  }

  private joinHere(scoped: string, print: string): Obtained | undefined {
    const running = this.byKey.get(scoped)
    if (running === undefined) return undefined
    if (running.fingerprint !== print) throw keyConflict()
    return { job: running.job, created: false }
  }

  private track(scoped: string, print: string, job: GenerationJob): void {
    this.byKey.set(scoped, { job, fingerprint: print })
    void job.settled.then(() => {
      if (this.byKey.get(scoped)?.job === job) this.byKey.delete(scoped)
    })
  }

  /**
   * Cancels a running generation by id or Idempotency-Key when at most one caller (presumably the
   * one cancelling) waits on it; with others waiting it keeps running for them. With a shared
   * store, a generation another instance runs (found by key, or by the id it announced) is left
   * to that instance, which applies the same rule to its own callers plus those waiting here
   * (`cancelling`); callers waiting on a third instance are not counted. Its outcome then reaches
   * any caller waiting here as usual.
   */
  async cancel(owner: string, idOrKey: string): Promise<CancelResult | undefined> {
    const job = this.byId.get(idOrKey) ?? this.byKey.get(`${owner}\0${idOrKey}`)?.job
    const mine = job?.owner === owner ? job : undefined
    if (mine !== undefined && mine.waiting > 1) return { id: mine.id, status: 'running' }
    if (mine !== undefined && !this.remote.has(mine)) {
      mine.cancel()
      return { id: mine.id, status: 'cancelled' }
    }
    if (this.cancels === undefined) {
      // In process, a job waiting on another caller's generation here only stops waiting.
      if (mine === undefined) return undefined
      mine.cancel()
      return { id: mine.id, status: 'cancelled' }
    }
    const scoped = `${owner}\0${idOrKey}`
    // A job waiting here knows the exact generation; a key alone might meanwhile name a newer one.
    const running = await this.cancels.requestCancel(
      mine === undefined ? { key: scoped, id: scoped } : { id: `${owner}\0${mine.id}` },
      mine?.waiting ?? 0
    )
    if (running !== undefined) return { id: running.id, status: 'cancelling' }
    if (mine === undefined) return undefined
    // No instance runs it any more (it just ended, or its instance died): stop waiting for it.
    mine.cancel()
    return { id: mine.id, status: 'cancelled' }
  }

  private start(
    input: JobInput,
    id = `gen_${randomUUID()}`,
    share?: (outcome: Outcome) => Promise<void>
  ): GenerationJob {
    const run = async (self: GenerationJob) => {
      const signal = self.controller.signal
      const release = await this.slots.acquire(signal).catch(() => {
        throw new AppError('cancelled', 'The generation was cancelled before it started.')
      })
      try {
        return await this.generator.generate(input.request, input.spec, {
          id,
          ownKey: input.ownKey,
          stream: input.stream,
          signal,
          onEvent: (event) => {
            self.emit(event)
          },
        })
      } finally {
        release()
      }
    }
    const lingerMs = input.idempotencyKey === undefined ? 0 : this.lingerMs
    const job = new GenerationJob(id, input.owner, run, { share, lingerMs })
    this.byId.set(id, job)
    const unannounce = this.cancels?.announce(input.owner, id)
    void job.settled.then(() => {
      this.byId.delete(id)
      unannounce?.()
    })
    return job
  }
}
