import type { StateStore, UsageRow, UsageTotals } from './state-store'
import { USAGE_FIELDS } from './state-store'

/** State for a single instance, in this process. */
export class MemoryStore implements StateStore {
  private readonly counters = new Map<string, { value: number; expiresAt: number }>()
  private readonly usage = new Map<string, UsageRow>()

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, by: number, ttlMs: number): Promise<number> {
    const now = this.now()
    const current = this.counters.get(key)
    const live = current !== undefined && current.expiresAt > now ? current : undefined
    const value = (live?.value ?? 0) + by
    this.counters.set(key, { value, expiresAt: live?.expiresAt ?? now + ttlMs })
    // Sweep expired windows now and then so the map stays as small as the live windows.
    if (this.counters.size > 1000) {
      for (const [name, counter] of this.counters)
        if (counter.expiresAt <= now) this.counters.delete(name)
    }
    return Promise.resolve(value)
  }

  addUsage(token: string, model: string, delta: Partial<UsageTotals>): Promise<void> {
    const key = `${token}\0${model}`
    const row = this.usage.get(key) ?? {
      token,
      model,
      requests: 0,
      images: 0,
      inputTokens: 0,
      outputTokens: 0,
      costMicroUsd: 0,
    }
    for (const field of USAGE_FIELDS) row[field] += delta[field] ?? 0
    this.usage.set(key, row)
    return Promise.resolve()
  }

  readUsage(token?: string): Promise<UsageRow[]> {
    const rows = [...this.usage.values()].filter(
      (row) => token === undefined || row.token === token
    )
    return Promise.resolve(rows.map((row) => ({ ...row })))
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
