/**
 * @module
 * `StateStore` in Redis, so every Peel instance sharing `REDIS_URL` counts the same limits and
 * usage.
 *
 * - Counters: a Lua script creates the key at 0 with its expiry (`SET NX PX`) and adds to it
 *   (`INCRBY`) in one atomic step. Two plain commands would leave a window in which a crash
 *   leaves a counter with no expiry, or a second instance adds to a counter whose expiry was
 *   never set; `INCRBY` then `PEXPIRE` on the first increment has the same window.
 * - Usage: one hash per token and model (`<prefix>usage:["token","model"]`), summed with
 *   `HINCRBY`; the hash also holds the token and model names, so no key needs parsing. Read
 *   with `SCAN` (never `KEYS`, which blocks Redis for every other client).
 * - Usage is written after a generation has already been paid for, so it must not be lost to a
 *   Redis outage: what cannot be written is kept in process, merged per token and model, and
 *   written when Redis answers again (retried every `USAGE_RETRY_MS`, and before every read).
 *   Only a process that stops while Redis is away loses it, and says so in its log.
 * - Every other failure becomes the 503 of `stateUnavailable`, fast (see `redis-client.ts`).
 */
import type { Redis } from 'ioredis'
import type { Logger } from '../logger'
import { connectRedis, closeRedis, stateUnavailable } from './redis-client'
import type { RedisClientOptions } from './redis-client'
import type { StateStore, UsageRow, UsageTotals } from './state-store'
import { USAGE_FIELDS } from './state-store'

const INCREMENT = `
redis.call('SET', KEYS[1], 0, 'NX', 'PX', ARGV[2])
return redis.call('INCRBY', KEYS[1], ARGV[1])
`

function emptyTotals(): UsageTotals {
  return { requests: 0, images: 0, inputTokens: 0, outputTokens: 0, costMicroUsd: 0 }
}

/** Escapes Redis glob characters, so a prefix matches only itself. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}

const USAGE_RETRY_MS = 1000

export interface RedisStoreOptions extends RedisClientOptions {
  /** Put before every key, so several deployments (or test runs) can share one Redis. */
  prefix?: string
}

interface PendingUsage {
  token: string
  model: string
  totals: UsageTotals
}

export class RedisStore implements StateStore {
  private readonly prefix: string
  private readonly logger?: Logger
  /** Usage not yet written, by usage key. */
  private readonly pending = new Map<string, PendingUsage>()
  private writing?: Promise<void>
  private retry?: NodeJS.Timeout

  /** Takes ownership of `client`: `close()` closes it. */
  constructor(
    private readonly client: Redis,
    options: { prefix?: string; logger?: Logger } = {}
  ) {
    this.prefix = options.prefix ?? 'peel:'
    this.logger = options.logger
  }

  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    return new RedisStore(await connectRedis(url, options), options)
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    try {
      const value = await this.client.eval(
        INCREMENT,
        1,
        `${this.prefix}${key}`,
        by,
        Math.max(1, Math.ceil(ttlMs))
      )
      return Number(value)
    } catch (error) {
      throw stateUnavailable(error)
    }
  }

  /** Never fails: while Redis is away the delta waits in process (see the module comment). */
  async addUsage(token: string, model: string, delta: Partial<UsageTotals>): Promise<void> {
    const key = `${this.prefix}usage:${JSON.stringify([token, model])}`
    const entry = this.pending.get(key) ?? { token, model, totals: emptyTotals() }
    for (const field of USAGE_FIELDS) entry.totals[field] += delta[field] ?? 0
    this.pending.set(key, entry)
    await this.writePending()
  }

  /** Usage kept in process because Redis could not be reached, in rows not yet written. */
  get pendingUsage(): number {
    return this.pending.size
  }

  // One writer at a time, so a delta is never written twice; it loops until nothing is left,
  // as deltas may arrive while a write is on its way.
  private writePending(): Promise<void> {
    this.writing ??= (async () => {
      try {
        while (this.pending.size > 0 && (await this.writeOnce())) {
          // Written; look again for deltas that came meanwhile.
        }
      } finally {
        this.writing = undefined
      }
    })()
    return this.writing
  }

  private async writeOnce(): Promise<boolean> {
    const batch = [...this.pending]
    this.pending.clear()
    const multi = this.client.multi()
    for (const [key, { token, model, totals }] of batch) {
      multi.hset(key, 'token', token, 'model', model)
      for (const field of USAGE_FIELDS) {
        if (totals[field] !== 0) multi.hincrby(key, field, totals[field])
      }
    }
    try {
      // MULTI applies all or nothing; only a reply lost after Redis applied it could count twice.
      const replies = await multi.exec()
      const failed = replies?.find(([error]) => error !== null)?.[0]
      if (failed != null) throw failed
      if (this.retry !== undefined) {
        clearTimeout(this.retry)
        this.retry = undefined
        this.logger?.log('info', 'usage kept during the Redis outage written', {
          rows: batch.length,
        })
      }
      return true
    } catch (error) {
      for (const [key, entry] of batch) {
        const newer = this.pending.get(key)
        if (newer !== undefined) {
          for (const field of USAGE_FIELDS) entry.totals[field] += newer.totals[field]
        }
        this.pending.set(key, entry)
      }
      if (this.retry === undefined) {
        this.logger?.log('warn', 'usage kept in process until Redis is back', {
          detail: (error instanceof Error ? error.message : String(error)).slice(0, 200),
        })
      } else clearTimeout(this.retry)
      this.retry = setTimeout(() => void this.writePending(), USAGE_RETRY_MS)
      this.retry.unref()
      return false
    }
  }

  async readUsage(token?: string): Promise<UsageRow[]> {
    await this.writePending()
    try {
      const keys = new Set<string>()
      const match = `${globEscape(this.prefix)}usage:*`
      let cursor = '0'
      do {
        const [next, found] = await this.client.scan(cursor, 'MATCH', match, 'COUNT', 200)
        for (const key of found) keys.add(key)
        cursor = next
      } while (cursor !== '0')
      const pipeline = this.client.pipeline()
      for (const key of keys) pipeline.hgetall(key)
      const replies = (await pipeline.exec()) ?? []
      const rows: UsageRow[] = []
      for (const [error, hash] of replies) {
        if (error !== null) throw error
        const fields = hash as Record<string, string | undefined>
        if (fields.token === undefined || fields.model === undefined) continue
        if (token !== undefined && fields.token !== token) continue
        const row: UsageRow = {
          token: fields.token,
          model: fields.model,
          requests: 0,
          images: 0,
          inputTokens: 0,
          outputTokens: 0,
          costMicroUsd: 0,
        }
        for (const field of USAGE_FIELDS) row[field] = Number(fields[field] ?? 0)
        rows.push(row)
      }
      return rows.sort((a, b) => a.token.localeCompare(b.token) || a.model.localeCompare(b.model))
    } catch (error) {
      throw stateUnavailable(error)
    }
  }

  async close(): Promise<void> {
    await this.writePending()
    clearTimeout(this.retry)
    if (this.pending.size > 0) {
      this.logger?.log('error', 'usage lost: Redis was away when Peel stopped', {
        rows: this.pending.size,
      })
    }
    await closeRedis(this.client)
  }
}
