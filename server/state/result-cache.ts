/**
 * @module
 * Finished outcomes kept for idempotent replays, bounded by age and by bytes: the oldest go first
 * once the byte budget is spent, so memory stays flat however many keys clients send.
 */
import type { Outcome } from '../outcome'

interface Entry {
  fingerprint: string
  outcome: Outcome
  bytes: number
  expiresAt: number
}

export interface ResultCacheOptions {
  ttlMs: number
  maxBytes: number
  now?: () => number
}

function sizeOf(outcome: Outcome): number {
  if (!outcome.ok) return 1024
  return outcome.body.images.reduce(
    (sum, image) => sum + image.data.length + (image.original?.data.length ?? 0),
    1024
  )
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0

  constructor(private readonly options: ResultCacheOptions) {}

  get(key: string): { fingerprint: string; outcome: Outcome } | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= (this.options.now ?? Date.now)()) {
      this.delete(key)
      return undefined
    }
    return entry
  }

  set(key: string, fingerprint: string, outcome: Outcome): void {
    const bytes = sizeOf(outcome)
    if (bytes > this.options.maxBytes) return
    this.delete(key)
    const now = (this.options.now ?? Date.now)()
    this.entries.set(key, { fingerprint, outcome, bytes, expiresAt: now + this.options.ttlMs })
    this.bytes += bytes
    // Map iteration order is insertion order, so the first entries are the oldest.
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes && entry.expiresAt > now) break
      this.delete(oldest)
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key)
    if (entry === undefined) return
    this.bytes -= entry.bytes
    this.entries.delete(key)
  }
}
