/**
 * @module
 * The state several Peel instances must share to behave as one: rate-limit counters and usage
 * totals. In-process by default; Redis when `REDIS_URL` is set.
 */

/** Totals for one token and model. */
export interface UsageTotals {
  requests: number
  images: number
  inputTokens: number
  outputTokens: number
  /** Micro-dollars, so totals stay exact integers. */
  costMicroUsd: number
}

export interface UsageRow extends UsageTotals {
  token: string
  model: string
}

export interface StateStore {
  /**
   * Adds `by` (which may be negative) to a counter and returns the new value. A counter
   * disappears `ttlMs` after it was created.
   */
  increment(key: string, by: number, ttlMs: number): Promise<number>
  /**
   * Adds to one token's totals for one model. It does not fail when a shared store is away: the
   * generation is already paid for, so the delta is kept and written once the store is back.
   */
  addUsage(token: string, model: string, delta: Partial<UsageTotals>): Promise<void>
  /** Every token's totals, or one token's. */
  readUsage(token?: string): Promise<UsageRow[]>
  close(): Promise<void>
}

export const USAGE_FIELDS = [
  'requests',
  'images',
  'inputTokens',
  'outputTokens',
  'costMicroUsd',
] as const
