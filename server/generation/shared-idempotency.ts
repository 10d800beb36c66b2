/**
 * @module
 * What `Generations` needs to honour an Idempotency-Key, and to cancel a generation by id or key,
 * across several Peel instances. A single instance needs none of it: `Generations` keeps running
 * jobs and finished outcomes in process. With `REDIS_URL` set, `RedisIdempotency`
 * (server/state/redis-idempotency.ts) implements it.
 */
import { AppError } from '../errors'
import type { Outcome } from './generation-job'

/** Who is running the generation for a key: taken when it starts, released when it ends. */
export interface Claim {
  /** The request's fingerprint, so a different request with the same key is refused anywhere. */
  fingerprint: string
  /** The Peel instance running it (for operators reading Redis). */
  instance: string
  /** The generation id. */
  id: string
}

/** A generation and the instance running it. */
export type Running = Pick<Claim, 'instance' | 'id'>

/** What to cancel: keys and ids scoped to their owner (`owner\0key`, `owner\0id`). */
export interface CancelTarget {
  key?: string
  id?: string
}

export type ClaimResult =
  /** The key is this call's: start the generation, then `release` the claim. */
  | { kind: 'claimed'; claim: Claim }
  /** Another call (on any instance) is running it. */
  | { kind: 'running'; holder: Claim }
  /** It finished and its outcome was kept for replays. */
  | { kind: 'finished'; fingerprint: string; outcome: Outcome }

export interface SharedIdempotency {
  /** In one step: the kept outcome for `key` if there is one, else the claim on it. */
  claim(key: string, wanted: Omit<Claim, 'instance'>): Promise<ClaimResult>
  /** Keeps `claim` alive while its generation runs; call the returned function when it ends. */
  hold(key: string, claim: Claim): () => void
  /**
   * Keeps `outcome` for replays when `keep`, drops the claim, and tells every instance waiting
   * on it. Never throws: a failure is logged, and the claim then expires on its own.
   */
  release(key: string, claim: Claim, outcome: Outcome, keep: boolean): Promise<void>
  /**
   * The outcome of `holder`'s generation, once released; an error outcome when it ended without
   * one to share, when `signal` aborts, or at the deadline. Never rejects.
   */
  wait(key: string, holder: Claim, signal: AbortSignal): Promise<Outcome>
  /**
   * Makes the running generation `id` findable by `owner` from every instance, so a cancel by id
   * reaches it wherever it runs; call the returned function when it ends. Fire and forget: a
   * failure is logged and only costs cross-instance cancels by id.
   */
  announce(owner: string, id: string): () => void
  /**
   * Asks the instance running a generation to cancel it: the one holding `target.key` (scoped
   * Idempotency-Key) if any, else the one that announced `target.id` (scoped id). Resolves with
   * that instance and generation, or `undefined` when no instance runs either. `waiting` is how
   * many callers wait for it on this instance; the holder decides (see `onCancel`).
   */
  requestCancel(target: CancelTarget, waiting: number): Promise<Running | undefined>
  /**
   * Called for each cancel request for a generation this instance runs, with how many callers
   * wait for it on the requesting instance.
   */
  onCancel(listener: (id: string, waitingElsewhere: number) => void): void
  close(): Promise<void>
}

/** The 409 for an Idempotency-Key reused for a different request. */
export function keyConflict(): AppError {
  return new AppError(
    'conflict',
    'This Idempotency-Key was already used for a different request. Use a new key for a new request.'
  )
}
