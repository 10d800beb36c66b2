/**
 * @module
 * What `Generations` needs to honour an Idempotency-Key: in process (`MemoryIdempotency`), or
 * across every Peel instance sharing `REDIS_URL` (`RedisIdempotency`).
 */
import type { Outcome } from '../outcome'

/** Who is running the generation for a key: taken when it starts, released when it ends. */
export interface Claim {
  /** The request's fingerprint, so a different request with the same key is refused anywhere. */
  fingerprint: string
  /** The Peel instance running it (for operators reading Redis). */
  instance: string
  /** The generation id. */
  id: string
}

export type ClaimResult =
  /** The key is this call's: start the generation, then `release` the claim. */
  | { kind: 'claimed'; claim: Claim }
  /** Another call (here or on another instance) is running it. */
  | { kind: 'running'; holder: Claim }
  /** It finished and its outcome was kept for replays. */
  | { kind: 'finished'; fingerprint: string; outcome: Outcome }

export interface IdempotencyStore {
  /** In one step: the kept outcome for `key` if there is one, else the claim on it. */
  claim(key: string, wanted: Omit<Claim, 'instance'>): Promise<ClaimResult>
  /** Keeps `claim` alive while its generation runs; call the returned function when it ends. */
  hold(key: string, claim: Claim): () => void
  /**
   * Keeps `outcome` for replays when `keep`, drops the claim, and tells every caller waiting on
   * it. Never throws: a failure is logged, and the claim then expires on its own.
   */
  release(key: string, claim: Claim, outcome: Outcome, keep: boolean): Promise<void>
  /**
   * The outcome of `holder`'s generation, once released; an error outcome when it ended without
   * one to share, when `signal` aborts, or at the deadline. Never rejects.
   */
  wait(key: string, holder: Claim, signal: AbortSignal): Promise<Outcome>
  /** Memory held here by kept outcomes, when they are kept in this process. */
  readonly heldBytes: number
  close(): Promise<void>
}
