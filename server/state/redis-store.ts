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
 * - Every failure becomes the 503 of `stateUnavailable`, fast (see `redis-client.ts`).
 */
import type { Redis } from 'ioredis'
import { connectRedis, closeRedis, stateUnavailable } from './redis-client'
import type { RedisClientOptions } from './redis-client'
import type { StateStore, UsageRow, UsageTotals } from './state-store'
import { USAGE_FIELDS } from './state-store'

const INCREMENT = `
redis.call('SET', KEYS[1], 0, 'NX', 'PX', ARGV[2])
return redis.call('INCRBY', KEYS[1], ARGV[1])
`

/** Escapes Redis glob characters, so a prefix matches only itself. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}

export interface RedisStoreOptions extends RedisClientOptions {
  /** Put before every key, so several deployments (or test runs) can share one Redis. */
  prefix?: string
}

export class RedisStore implements StateStore {
  private readonly prefix: string

  /** Takes ownership of `client`: `close()` closes it. */
  constructor(
    private readonly client: Redis,
    options: { prefix?: string } = {}
  ) {
    this.prefix = options.prefix ?? 'peel:'
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

  async addUsage(token: string, model: string, delta: Partial<UsageTotals>): Promise<void> {
    const key = `${this.prefix}usage:${JSON.stringify([token, model])}`
    const multi = this.client.multi().hset(key, 'token', token, 'model', model)
    for (const field of USAGE_FIELDS) {
      const by = delta[field] ?? 0
      if (by !== 0) multi.hincrby(key, field, by)
    }
    try {
      const replies = await multi.exec()
      const failed = replies?.find(([error]) => error !== null)?.[0]
      if (failed != null) throw failed
    } catch (error) {
      throw stateUnavailable(error)
    }
  }

  async readUsage(token?: string): Promise<UsageRow[]> {
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

  close(): Promise<void> {
    return closeRedis(this.client)
  }
}
