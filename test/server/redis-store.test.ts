import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../server/errors'
import { RedisStore } from '../../server/state/redis-store'
import { createTokenLimits } from '../../server/state/token-limits'
import { startRedis } from '../helpers/start-redis'
import type { RunningRedis } from '../helpers/start-redis'

let redis: RunningRedis
let raw: Redis
beforeAll(async () => {
  redis = await startRedis()
  raw = new Redis(redis.url)
})
afterAll(async () => {
  raw.disconnect()
  await redis.stop()
})

let run = 0
/** A store under its own prefix, so tests never see each other's keys. */
async function store(): Promise<{ store: RedisStore; prefix: string }> {
  const prefix = `t${++run}:`
  return { store: await RedisStore.connect(redis.url, { prefix }), prefix }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('RedisStore counters', () => {
  it('counts up and down, and sets the expiry when the counter is created', async () => {
    const { store: s, prefix } = await store()
    expect(await s.increment('c', 1, 60_000)).toBe(1)
    expect(await s.increment('c', 2, 60_000)).toBe(3)
    expect(await s.increment('c', -1, 60_000)).toBe(2)
    const ttl = await raw.pttl(`${prefix}c`)
    expect(ttl).toBeGreaterThan(55_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
    // A later increment keeps the first expiry instead of extending the window.
    await raw.pexpire(`${prefix}c`, 30_000)
    await s.increment('c', 1, 60_000)
    expect(await raw.pttl(`${prefix}c`)).toBeLessThanOrEqual(30_000)
    await s.close()
  })

  it('starts again from zero once the window expires', async () => {
    const { store: s } = await store()
    expect(await s.increment('w', 5, 100)).toBe(5)
    await delay(150)
    expect(await s.increment('w', 1, 100)).toBe(1)
    await s.close()
  })

  it('is atomic across connections: parallel increments from two stores never lose a count', async () => {
    const prefix = `t${++run}:`
    const [a, b] = await Promise.all([
      RedisStore.connect(redis.url, { prefix }),
      RedisStore.connect(redis.url, { prefix }),
    ])
    const values = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).increment('p', 1, 60_000))
    )
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(await raw.pttl(`${prefix}p`)).toBeGreaterThan(0)
    await Promise.all([a.close(), b.close()])
  })

  it('drives the per-token limits shared by two stores', async () => {
    const prefix = `t${++run}:`
    const [a, b] = await Promise.all([
      RedisStore.connect(redis.url, { prefix }),
      RedisStore.connect(redis.url, { prefix }),
    ])
    const token = { name: 't', token: 'x', rpm: 2, admin: false }
    await createTokenLimits(a).admitRequest(token)
    await createTokenLimits(b).admitRequest(token)
    await expect(createTokenLimits(a).admitRequest(token)).rejects.toMatchObject({
      code: 'rate_limited',
    })
    await Promise.all([a.close(), b.close()])
  })
})

describe('RedisStore usage', () => {
  it('sums usage per token and model, and reads all of it or one token', async () => {
    const { store: s } = await store()
    await s.addUsage('design', 'm1', { requests: 1 })
    await s.addUsage('design', 'm1', { images: 2, inputTokens: 10, costMicroUsd: 67_000 })
    await s.addUsage('design', 'm2', { requests: 1 })
    await s.addUsage('odd:name*[x]', 'm1', { requests: 3 })
    expect(await s.readUsage('design')).toEqual([
      {
        token: 'design',
        model: 'm1',
        requests: 1,
        images: 2,
        inputTokens: 10,
        outputTokens: 0,
        costMicroUsd: 67_000,
      },
      {
        token: 'design',
        model: 'm2',
        requests: 1,
        images: 0,
        inputTokens: 0,
        outputTokens: 0,
        costMicroUsd: 0,
      },
    ])
    const all = await s.readUsage()
    expect(all.map((row) => [row.token, row.model, row.requests])).toEqual([
      ['design', 'm1', 1],
      ['design', 'm2', 1],
      ['odd:name*[x]', 'm1', 3],
    ])
    await s.close()
  })

  it('keeps prefixes apart, glob characters included', async () => {
    const a = await RedisStore.connect(redis.url, { prefix: 'iso*:' })
    const b = await RedisStore.connect(redis.url, { prefix: 'iso1:' })
    await a.addUsage('x', 'm', { requests: 1 })
    await b.addUsage('y', 'm', { requests: 1 })
    expect((await a.readUsage()).map((row) => row.token)).toEqual(['x'])
    expect((await b.readUsage()).map((row) => row.token)).toEqual(['y'])
    await Promise.all([a.close(), b.close()])
  })
})

describe('RedisStore failures', () => {
  it('keeps usage booked while Redis is down and writes it once Redis is back', async () => {
    const own = await startRedis()
    const s = await RedisStore.connect(own.url)
    await own.stop()
    // (This Redis keeps nothing across a restart, so only what was booked meanwhile comes back.)
    // A generation that finished during the outage: booking it must neither fail nor be lost.
    await s.addUsage('alice', 'm', { images: 2, costMicroUsd: 39_000 })
    await s.addUsage('alice', 'm', { images: 1 })
    expect(s.pendingUsage).toBe(1)
    await own.restart()
    let rows: Awaited<ReturnType<RedisStore['readUsage']>> | undefined
    for (let i = 0; i < 50 && rows === undefined; i++) {
      rows = await s.readUsage().catch(() => undefined)
      if (rows === undefined) await delay(100)
    }
    expect(rows).toEqual([
      {
        token: 'alice',
        model: 'm',
        requests: 0,
        images: 3,
        inputTokens: 0,
        outputTokens: 0,
        costMicroUsd: 39_000,
      },
    ])
    expect(s.pendingUsage).toBe(0)
    await s.close()
    await own.stop()
  })

  it('refuses to connect to a Redis that is not there, with a clear message', async () => {
    await expect(RedisStore.connect('redis://127.0.0.1:1')).rejects.toThrow(
      /Peel cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*Check REDIS_URL/
    )
  })

  it('fails fast while Redis is down, and recovers when it is back', async () => {
    const own = await startRedis()
    const s = await RedisStore.connect(own.url)
    expect(await s.increment('k', 1, 60_000)).toBe(1)
    await own.stop()
    const started = performance.now()
    const error = await s.increment('k', 1, 60_000).catch((caught: unknown) => caught)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503 })
    expect((error as AppError).message).toMatch(/shared state store \(Redis\) cannot be reached/)
    await expect(s.readUsage()).rejects.toMatchObject({ code: 'upstream_unavailable' })
    await own.restart()
    let value: number | undefined
    for (let i = 0; i < 50 && value === undefined; i++) {
      value = await s.increment('k', 1, 60_000).catch(() => undefined)
      if (value === undefined) await delay(100)
    }
    expect(value).toBe(1)
    await s.close()
    await own.stop()
  })
})
