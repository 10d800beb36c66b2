import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateResponseSchema } from '../../protocol/api'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { UsageReportSchema } from '../../protocol/usage'
import { loadConfig } from '../../server/config'
import { AppError } from '../../server/errors'
import type { Outcome } from '../../server/outcome'
import { silentLogger } from '../../server/logger'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { startPeelServer } from '../../server/start-peel-server'
import type { PeelServer } from '../../server/start-peel-server'
import { closeRedis, connectRedis } from '../../server/state/redis-client'
import { RedisCancelBus } from '../../server/state/redis-cancel-bus'
import { idempotencyEntries, RedisIdempotency } from '../../server/state/redis-idempotency'
import { readSse } from '../helpers/read-sse'
import { startRedis } from '../helpers/start-redis'
import type { RunningRedis } from '../helpers/start-redis'

const TOKENS = [
  'lim:tok-lim-x7w2q5k3y9z;rpm=3',
  'bob:tok-bob-x7w2q5k3y9z;ipd=2',
  'race:tok-race-x7w2q5k3y9z;ipd=2',
  'carol:tok-carol-x7w2q5k3y9z',
  'user:tok-user-x7w2q5k3y9z',
  'ops:tok-ops-x7w2q5k3y9z;admin',
].join(',')

let redis: RunningRedis
let sim: RunningSimulator
let a: PeelServer
let b: PeelServer

function startInstance(redisUrl: string): Promise<PeelServer> {
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: redisUrl,
    GEMINI_BASE_URL: sim.url,
    PEEL_TOKENS: TOKENS,
    PEEL_UPSTREAM_TIMEOUT_MS: '20000',
  })
  return startPeelServer(config, { logger: silentLogger })
}

beforeAll(async () => {
  redis = await startRedis()
  sim = await startSimulator()
  ;[a, b] = await Promise.all([startInstance(redis.url), startInstance(redis.url)])
})
afterAll(async () => {
  await Promise.all([a.close(), b.close()])
  await sim.close()
  await redis.stop()
})

function generate(
  peel: PeelServer,
  token: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<Response> {
  return fetch(`${peel.url}/v1/generations`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...headers,
    },
    body: JSON.stringify(body),
  })
}

let counter = 0
const unique = (label: string) => `${label}-${++counter}-${Date.now()}`
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The servers count in real one-minute and one-day windows; a test that straddled a boundary
 * would see its counter reset. Waits until at least `needMs` remain in both windows.
 */
async function awayFromWindowEdges(needMs = 10_000): Promise<void> {
  const left = (span: number) => span - (Date.now() % span)
  const wait = Math.max(
    0,
    Math.min(left(60_000), left(86_400_000)) < needMs ? left(60_000) + 50 : 0
  )
  await delay(wait)
}

describe('two Peel instances sharing one Redis', () => {
  it('share the requests-per-minute limit', async () => {
    await awayFromWindowEdges()
    const statuses: number[] = []
    for (const [i, peel] of [a, b, a, b].entries()) {
      const res = await generate(peel, 'tok-lim-x7w2q5k3y9z', { prompt: `rpm ${i}` })
      await res.arrayBuffer()
      statuses.push(res.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it('share the images-per-day limit, parallel reservations across instances included', async () => {
    await awayFromWindowEdges()
    const sequential: number[] = []
    for (const [i, peel] of [a, b, a].entries()) {
      const res = await generate(peel, 'tok-bob-x7w2q5k3y9z', { prompt: `ipd ${i}` })
      await res.arrayBuffer()
      sequential.push(res.status)
    }
    expect(sequential).toEqual([200, 200, 429])
    const parallel = await Promise.all(
      [a, b, a, b].map(async (peel, i) => {
        const res = await generate(peel, 'tok-race-x7w2q5k3y9z', {
          prompt: `race ${i} [sim:latency=300]`,
        })
        await res.arrayBuffer()
        return res.status
      })
    )
    expect(parallel.sort()).toEqual([200, 200, 429, 429])
  })

  it('share usage: an admin on one instance sees requests made on the other', async () => {
    for (const i of [1, 2]) {
      const res = await generate(a, 'tok-carol-x7w2q5k3y9z', { prompt: `usage ${i}` })
      expect(res.status).toBe(200)
      await res.arrayBuffer()
    }
    let carol: unknown
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${b.url}/v1/usage`, {
        headers: { authorization: 'Bearer tok-ops-x7w2q5k3y9z' },
      })
      const report = UsageReportSchema.parse(await res.json())
      carol = report.tokens.find((t) => t.token === 'carol')?.models[0]
      if ((carol as { images?: number } | undefined)?.images === 2) break
      await delay(50)
    }
    expect(carol).toMatchObject({ model: 'gemini-3.1-flash-image', requests: 2, images: 2 })
    const own = UsageReportSchema.parse(
      await (
        await fetch(`${b.url}/v1/usage`, {
          headers: { authorization: 'Bearer tok-carol-x7w2q5k3y9z' },
        })
      ).json()
    )
    expect(own.tokens.map((t) => t.token)).toEqual(['carol'])
  })

  it('replay an Idempotency-Key on the other instance without a second upstream call', async () => {
    const headers = { 'idempotency-key': unique('replay') }
    const before = sim.requests.length
    const first = await generate(a, 'tok-user-x7w2q5k3y9z', { prompt: 'a door' }, headers)
    const second = await generate(b, 'tok-user-x7w2q5k3y9z', { prompt: 'a door' }, headers)
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    const [one, two] = [
      GenerateResponseSchema.parse(await first.json()),
      GenerateResponseSchema.parse(await second.json()),
    ]
    expect(two).toEqual(one)
    expect(second.headers.get('x-generation-id')).toBe(one.id)
    expect(sim.requests.length - before).toBe(1)
  })

  it('join a generation still running on the other instance', async () => {
    const headers = { 'idempotency-key': unique('join') }
    const body = { prompt: 'a window [sim:latency=800]' }
    const before = sim.requests.length
    const [first, second] = await Promise.all([
      generate(a, 'tok-user-x7w2q5k3y9z', body, headers),
      generate(b, 'tok-user-x7w2q5k3y9z', body, headers),
    ])
    expect([first.status, second.status]).toEqual([200, 200])
    // Both joined the one running generation; neither is a replay of a finished one.
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(second.headers.get('idempotent-replayed')).toBeNull()
    const ids = [
      GenerateResponseSchema.parse(await first.json()).id,
      GenerateResponseSchema.parse(await second.json()).id,
    ]
    expect(ids[0]).toBe(ids[1])
    expect(sim.requests.length - before).toBe(1)
  })

  it('stream a joined generation from the other instance', async () => {
    const headers = { 'idempotency-key': unique('join-sse') }
    const body = { prompt: 'a chimney [sim:latency=600]' }
    const before = sim.requests.length
    const first = generate(a, 'tok-user-x7w2q5k3y9z', body, headers)
    await delay(150)
    const second = await generate(b, 'tok-user-x7w2q5k3y9z', body, {
      ...headers,
      accept: 'text/event-stream',
    })
    const events = await readSse(second)
    const result = events.find((event) => event.event === 'result')
    expect(events[0]?.event).toBe('progress')
    expect(result).toBeDefined()
    const streamed = GenerateResponseSchema.parse(JSON.parse(result?.data ?? ''))
    expect(GenerateResponseSchema.parse(await (await first).json()).id).toBe(streamed.id)
    expect(sim.requests.length - before).toBe(1)
  })

  it('cancel a generation running on the other instance, by its key', async () => {
    const key = unique('cancel')
    const before = a.inFlight
    const controller = new AbortController()
    const pending = fetch(`${a.url}/v1/generations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer tok-user-x7w2q5k3y9z',
        'idempotency-key': key,
      },
      body: JSON.stringify({ prompt: 'a slow tower [sim:latency=6000]' }),
      signal: controller.signal,
    })
    await expect.poll(() => a.inFlight, { timeout: 2000 }).toBe(before + 1)
    // The caller drops, as the plugin's Cancel does; A keeps the generation for a reconnect.
    controller.abort()
    await expect(pending).rejects.toThrow()
    const cancel = (token: string) =>
      fetch(`${b.url}/v1/generations/${encodeURIComponent(key)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      })
    // Another token's cancel finds nothing: keys are private to each token.
    expect((await cancel('tok-carol-x7w2q5k3y9z')).status).toBe(404)
    expect(a.inFlight).toBe(before + 1)
    const res = await cancel('tok-user-x7w2q5k3y9z')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'cancelling' })
    // Stopped at once on A, long before its 6 s upstream call or its 15 s wait for a reconnect.
    await expect.poll(() => a.inFlight, { timeout: 2000 }).toBe(before)
  })

  it('cancel a generation running on the other instance, by its id, while its caller waits', async () => {
    const keyed: Record<string, string>[] = [{}, { 'idempotency-key': unique('cancel-by-id') }]
    for (const headers of keyed) {
      const before = a.inFlight
      const res = await generate(
        a,
        'tok-user-x7w2q5k3y9z',
        { prompt: 'a slow spire [sim:latency=6000]' },
        {
          ...headers,
          accept: 'text/event-stream',
        }
      )
      const body = res.body
      if (body === null) throw new Error('no stream')
      const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader()
      const decoder = new TextDecoder()
      let text = ''
      const read = async (until: () => boolean) => {
        while (!until()) {
          const chunk = await reader.read()
          if (chunk.done) return
          text += decoder.decode(chunk.value, { stream: true })
        }
      }
      await read(() => text.includes('\n\n'))
      const first = /^data: (.*)$/m.exec(text)?.[1] ?? '{}'
      const { id } = JSON.parse(first) as { id: string }
      expect(id).toMatch(/^gen_/)
      const cancel = (token: string) =>
        fetch(`${b.url}/v1/generations/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      // Ids are private to each token on every instance.
      expect((await cancel('tok-carol-x7w2q5k3y9z')).status).toBe(404)
      const cancelled = await cancel('tok-user-x7w2q5k3y9z')
      expect(cancelled.status).toBe(200)
      expect(await cancelled.json()).toEqual({ id, status: 'cancelling' })
      // The caller still connected to A sees its generation end as cancelled, long before 6 s.
      await read(() => false)
      const error = /event: error\ndata: (.*)/.exec(text)?.[1]
      expect(ErrorEnvelopeSchema.parse(JSON.parse(error ?? '{}')).error.code).toBe('cancelled')
      await expect.poll(() => a.inFlight, { timeout: 2000 }).toBe(before)
      // Once it has ended, no instance finds it any more.
      expect((await cancel('tok-user-x7w2q5k3y9z')).status).toBe(404)
    }
  })

  it('keep a generation running when callers on both instances wait and one cancels', async () => {
    const headers = { 'idempotency-key': unique('cancel-counted') }
    const body = { prompt: 'a shared arch [sim:latency=1500]' }
    const [beforeA, beforeB] = [a.inFlight, b.inFlight]
    const onA = generate(a, 'tok-user-x7w2q5k3y9z', body, headers)
    await expect.poll(() => a.inFlight, { timeout: 2000 }).toBe(beforeA + 1)
    const onB = generate(b, 'tok-user-x7w2q5k3y9z', body, headers)
    await expect.poll(() => b.inFlight, { timeout: 2000 }).toBe(beforeB + 1)
    // One caller waits on A and one on B: A counts both, so this cancel stops nobody.
    const cancel = await fetch(`${b.url}/v1/generations/${headers['idempotency-key']}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer tok-user-x7w2q5k3y9z' },
    })
    expect(await cancel.json()).toMatchObject({ status: 'cancelling' })
    const [resA, resB] = await Promise.all([onA, onB])
    expect([resA.status, resB.status]).toEqual([200, 200])
    const [bodyA, bodyB] = await Promise.all([resA.json(), resB.json()])
    expect(GenerateResponseSchema.parse(bodyB).id).toBe(GenerateResponseSchema.parse(bodyA).id)
  })

  it('refuse a key reused for a different request on the other instance (409)', async () => {
    const finished = { 'idempotency-key': unique('conflict') }
    const ok = await generate(a, 'tok-user-x7w2q5k3y9z', { prompt: 'a roof' }, finished)
    expect(ok.status).toBe(200)
    await ok.arrayBuffer()
    const reuse = await generate(b, 'tok-user-x7w2q5k3y9z', { prompt: 'a floor' }, finished)
    expect(reuse.status).toBe(409)
    expect(ErrorEnvelopeSchema.parse(await reuse.json()).error.code).toBe('conflict')

    const running = { 'idempotency-key': unique('conflict-running') }
    const slow = generate(
      a,
      'tok-user-x7w2q5k3y9z',
      { prompt: 'a wall [sim:latency=600]' },
      running
    )
    await delay(150)
    const clash = await generate(b, 'tok-user-x7w2q5k3y9z', { prompt: 'a gate' }, running)
    expect(clash.status).toBe(409)
    expect(ErrorEnvelopeSchema.parse(await clash.json()).error.code).toBe('conflict')
    expect((await slow).status).toBe(200)
  })

  it('keep keys private to each token across instances', async () => {
    const key = { 'idempotency-key': unique('private') }
    const before = sim.requests.length
    const mine = await generate(a, 'tok-user-x7w2q5k3y9z', { prompt: 'a sill' }, key)
    const theirs = await generate(b, 'tok-carol-x7w2q5k3y9z', { prompt: 'a sill' }, key)
    expect([mine.status, theirs.status]).toEqual([200, 200])
    expect(theirs.headers.get('idempotent-replayed')).toBeNull()
    await Promise.all([mine.arrayBuffer(), theirs.arrayBuffer()])
    expect(sim.requests.length - before).toBe(2)
  })
})

describe('when Redis goes away', () => {
  it('fails requests fast with a clear 503, keeps serving /health, and recovers', async () => {
    const own = await startRedis()
    const peel = await startInstance(own.url)
    try {
      const warm = await generate(peel, 'tok-lim-x7w2q5k3y9z', { prompt: 'before' })
      expect(warm.status).toBe(200)
      await warm.arrayBuffer()
      await own.stop()
      // Limits and Idempotency-Keys cannot be honoured without Redis, so those requests are
      // refused; a token with neither is served, and its usage is booked once Redis is back.
      const served = await generate(peel, 'tok-user-x7w2q5k3y9z', { prompt: 'during' })
      expect(served.status).toBe(200)
      await served.arrayBuffer()
      for (const [token, headers] of [
        ['tok-lim-x7w2q5k3y9z', {}],
        ['tok-user-x7w2q5k3y9z', { 'idempotency-key': unique('down') }],
      ] as const) {
        const started = performance.now()
        const res = await generate(peel, token, { prompt: 'during' }, headers)
        expect(performance.now() - started).toBeLessThan(2000)
        expect(res.status).toBe(503)
        expect(res.headers.get('retry-after')).toBe('2')
        const envelope = ErrorEnvelopeSchema.parse(await res.json())
        expect(envelope.error.code).toBe('upstream_unavailable')
        expect(envelope.error.message).toMatch(/shared state store \(Redis\) cannot be reached/)
      }
      const usage = await fetch(`${peel.url}/v1/usage`, {
        headers: { authorization: 'Bearer tok-ops-x7w2q5k3y9z' },
      })
      expect(usage.status).toBe(503)
      expect((await fetch(`${peel.url}/health`)).status).toBe(200)

      await own.restart()
      let status = 0
      for (let i = 0; i < 50 && status !== 200; i++) {
        const res = await generate(
          peel,
          'tok-user-x7w2q5k3y9z',
          { prompt: 'after' },
          {
            'idempotency-key': unique('after'),
          }
        )
        await res.arrayBuffer()
        status = res.status
        if (status !== 200) await delay(100)
      }
      expect(status).toBe(200)
      // This Redis came back empty: what it holds now is what this instance kept meanwhile.
      const report = UsageReportSchema.parse(
        await (
          await fetch(`${peel.url}/v1/usage`, {
            headers: { authorization: 'Bearer tok-ops-x7w2q5k3y9z' },
          })
        ).json()
      )
      expect(report.tokens).toMatchObject([{ token: 'user', models: [{ requests: 2, images: 2 }] }])
    } finally {
      await peel.close()
      await own.stop()
    }
  })

  it('refuses to start when REDIS_URL points at no Redis', async () => {
    await expect(startInstance('redis://127.0.0.1:1')).rejects.toThrow(
      /Peel cannot reach Redis at redis:\/\/127\.0\.0\.1:1/
    )
  })
})

/** A finished generation, as a kept outcome. */
const ok = (id: string): Outcome => ({
  ok: true,
  body: {
    id,
    model: 'm',
    images: [{ mimeType: 'image/png', data: 'AAAA', width: 1, height: 1 }],
    finishReason: 'STOP',
    usage: { promptTokens: 1, outputTokens: 2, thoughtsTokens: 0, totalTokens: 3 },
    attempts: 1,
    turn: { user: { parts: [] }, model: { parts: [] } },
  },
})

describe('RedisIdempotency', () => {
  const options = { ttlMs: 60_000, maxBytes: 1024 * 1024, lockTtlMs: 300, pollMs: 50 }

  it('lets a waiter go when the instance holding the key dies, and the next request take it over', async () => {
    const prefix = `${unique('death')}:`
    const dead = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const alive = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const claim = await dead.claim('o\0k', { fingerprint: 'f', id: 'gen_dead' })
    expect(claim.kind).toBe('claimed')
    await dead.close() // dies without releasing
    const running = await alive.claim('o\0k', { fingerprint: 'f', id: 'gen_next' })
    expect(running).toMatchObject({ kind: 'running', holder: { id: 'gen_dead' } })
    if (running.kind !== 'running') throw new Error('expected a holder')
    const started = performance.now()
    const outcome = await alive.wait('o\0k', running.holder, new AbortController().signal)
    expect(performance.now() - started).toBeLessThan(1500)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'upstream_unavailable' } })
    expect(await alive.claim('o\0k', { fingerprint: 'f', id: 'gen_next' })).toMatchObject({
      kind: 'claimed',
      claim: { id: 'gen_next', instance: alive.instance },
    })
    await alive.close()
  })

  it('keeps a held claim past its lifetime while the generation runs, and lets it lapse after', async () => {
    const prefix = `${unique('hold')}:`
    const holder = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const other = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const found = await holder.claim('o\0k', { fingerprint: 'f', id: 'gen_long' })
    if (found.kind !== 'claimed') throw new Error('expected the claim')
    const unhold = holder.hold('o\0k', found.claim)
    // Three lifetimes (300 ms each) later the claim is still the holder's.
    await delay(900)
    expect(await other.claim('o\0k', { fingerprint: 'f', id: 'gen_2' })).toMatchObject({
      kind: 'running',
      holder: { id: 'gen_long' },
    })
    unhold()
    // Unrenewed, it lapses within one lifetime and the key can be claimed afresh.
    await expect
      .poll(async () => (await other.claim('o\0k', { fingerprint: 'f', id: 'gen_2' })).kind, {
        timeout: 2000,
        interval: 100,
      })
      .toBe('claimed')
    await Promise.all([holder.close(), other.close()])
  })

  it('keeps an announced generation findable past its lifetime, and forgets it when it ends', async () => {
    const prefix = `${unique('announce')}:`
    const bus = (instance: string, lockTtlMs = options.lockTtlMs, busPrefix = prefix) =>
      RedisCancelBus.connect(redis.url, { prefix: busPrefix, instance, lockTtlMs })
    const runner = await bus('runner')
    const other = await bus('other')
    const heard: [string, number][] = []
    runner.onCancel((id, waiting) => heard.push([id, waiting]))
    const end = runner.announce('o', 'gen_announced')
    // Three lifetimes (300 ms each) later it is still found, and the cancel reaches the runner.
    await delay(900)
    expect(await other.requestCancel({ id: 'o\0gen_announced' }, 1)).toEqual({
      instance: runner.instance,
      id: 'gen_announced',
    })
    await expect.poll(() => heard).toEqual([['gen_announced', 1]])
    // Its owner's scope is part of the lookup: another owner finds nothing.
    expect(await other.requestCancel({ id: 'p\0gen_announced' }, 0)).toBeUndefined()
    end()
    await Promise.all([runner.close(), other.close()])

    // Ending removes the entry at once, not at the end of its lifetime (30 s here).
    const lastingPrefix = `${unique('announce-end')}:`
    const [first, second] = await Promise.all([
      bus('first', 30_000, lastingPrefix),
      bus('second', 30_000, lastingPrefix),
    ])
    const stop = first.announce('o', 'gen_short')
    await expect
      .poll(() => second.requestCancel({ id: 'o\0gen_short' }, 0))
      .toEqual({ instance: first.instance, id: 'gen_short' })
    stop()
    await expect
      .poll(() => second.requestCancel({ id: 'o\0gen_short' }, 0), { timeout: 1000 })
      .toBeUndefined()
    await Promise.all([first.close(), second.close()])
  })

  it('finds the outcome by polling when the release message is missed', async () => {
    const prefix = `${unique('poll')}:`
    const holder = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    // Built without `connect`, its subscriber never subscribes: it hears no release message.
    const deaf = new RedisIdempotency(
      await connectRedis(redis.url),
      await connectRedis(redis.url),
      {
        ...options,
        prefix,
        lockTtlMs: 10_000,
      }
    )
    const found = await holder.claim('o\0k', { fingerprint: 'f', id: 'gen_poll' })
    if (found.kind !== 'claimed') throw new Error('expected the claim')
    const running = await deaf.claim('o\0k', { fingerprint: 'f', id: 'gen_other' })
    if (running.kind !== 'running') throw new Error('expected a holder')
    const waiting = deaf.wait('o\0k', running.holder, new AbortController().signal)
    await holder.release('o\0k', found.claim, ok('gen_poll'), true)
    expect(await waiting).toMatchObject({ ok: true, body: { id: 'gen_poll' } })
    await Promise.all([holder.close(), deaf.close()])
  })

  it('passes a transient failure to waiting instances without keeping it', async () => {
    const prefix = `${unique('transient')}:`
    const holder = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const waiter = await RedisIdempotency.connect(redis.url, {
      ...options,
      prefix,
      lockTtlMs: 10_000,
      pollMs: 5000,
    })
    const found = await holder.claim('o\0k', { fingerprint: 'f', id: 'gen_t' })
    if (found.kind !== 'claimed') throw new Error('expected the claim')
    const running = await waiter.claim('o\0k', { fingerprint: 'f', id: 'gen_w' })
    if (running.kind !== 'running') throw new Error('expected a holder')
    const waiting = waiter.wait('o\0k', running.holder, new AbortController().signal)
    await delay(50)
    const error = new AppError('upstream_unavailable', 'Gemini is overloaded.', {
      retryable: true,
      retryAfterSeconds: 3,
    }).withAttempts(3)
    const started = performance.now()
    await holder.release('o\0k', found.claim, { ok: false, error }, false)
    const outcome = await waiting
    expect(performance.now() - started).toBeLessThan(1000)
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'upstream_unavailable', message: 'Gemini is overloaded.', attempts: 3 },
    })
    expect(await waiter.claim('o\0k', { fingerprint: 'f', id: 'gen_w' })).toMatchObject({
      kind: 'claimed',
    })
    await Promise.all([holder.close(), waiter.close()])
  })
})

describe('values in Redis that are not what Peel writes', () => {
  const options = { ttlMs: 60_000, maxBytes: 1024 * 1024, lockTtlMs: 10_000, pollMs: 50 }

  it('drops a kept outcome or a claim it cannot read and claims the key afresh', async () => {
    const prefix = `${unique('garbage')}:`
    const raw = await connectRedis(redis.url)
    const store = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const entries = idempotencyEntries(prefix, 'o\0k')
    // The right shape at a glance, but no real reply: it must never be replayed.
    await raw.set(entries.outcome, JSON.stringify({ fingerprint: 1, body: {} }))
    const first = await store.claim('o\0k', { fingerprint: 'f', id: 'gen_1' })
    expect(first).toMatchObject({ kind: 'claimed', claim: { id: 'gen_1' } })
    expect(await raw.get(entries.outcome)).toBeNull()

    const other = `${prefix}other`
    const otherEntries = idempotencyEntries(prefix, other)
    await raw.set(otherEntries.claim, 'not json')
    expect(await store.claim(other, { fingerprint: 'f', id: 'gen_2' })).toMatchObject({
      kind: 'claimed',
      claim: { id: 'gen_2' },
    })
    await Promise.all([store.close(), closeRedis(raw)])
  })

  it('ignores a release message it cannot read and still finds the outcome', async () => {
    const prefix = `${unique('garbage-release')}:`
    const raw = await connectRedis(redis.url)
    const holder = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const waiter = await RedisIdempotency.connect(redis.url, { ...options, prefix })
    const found = await holder.claim('o\0k', { fingerprint: 'f', id: 'gen_h' })
    if (found.kind !== 'claimed') throw new Error('expected the claim')
    const running = await waiter.claim('o\0k', { fingerprint: 'f', id: 'gen_w' })
    if (running.kind !== 'running') throw new Error('expected a holder')
    const waiting = waiter.wait('o\0k', running.holder, new AbortController().signal)
    const { hashed } = idempotencyEntries(prefix, 'o\0k')
    // Names the key and the generation but carries an error code no Peel has.
    await raw.publish(
      `${prefix}idempotency-released`,
      JSON.stringify({ key: hashed, id: 'gen_h', error: { code: 'teapot', message: 'x' } })
    )
    await delay(100)
    await holder.release('o\0k', found.claim, ok('gen_h'), true)
    expect(await waiting).toMatchObject({ ok: true, body: { id: 'gen_h' } })
    await Promise.all([holder.close(), waiter.close(), closeRedis(raw)])
  })

  it('treats an unreadable announcement or cancel message as none', async () => {
    const prefix = `${unique('garbage-cancel')}:`
    const raw = await connectRedis(redis.url)
    const runner = await RedisCancelBus.connect(redis.url, {
      prefix,
      instance: 'r',
      lockTtlMs: 10_000,
    })
    const other = await RedisCancelBus.connect(redis.url, {
      prefix,
      instance: 'o',
      lockTtlMs: 10_000,
    })
    const heard: string[] = []
    runner.onCancel((id) => heard.push(id))
    const end = runner.announce('o', 'gen_a')
    await expect
      .poll(() => other.requestCancel({ id: 'o\0gen_a' }, 0))
      .toEqual({ instance: 'r', id: 'gen_a' })
    await expect.poll(() => heard).toEqual(['gen_a'])
    // An id that is a number, then a message that is not JSON: neither reaches the runner.
    await raw.publish(`${prefix}idempotency-cancel`, JSON.stringify({ instance: 'r', id: 7 }))
    await raw.publish(`${prefix}idempotency-cancel`, '{')
    end()
    await expect.poll(() => other.requestCancel({ id: 'o\0gen_a' }, 0)).toBeUndefined()
    const announced = createHash('sha256').update('o\0gen_b').digest('base64url')
    await raw.set(`${prefix}generation:${announced}`, JSON.stringify({ instance: 'r' }))
    expect(await other.requestCancel({ id: 'o\0gen_b' }, 0)).toBeUndefined()
    await delay(100)
    expect(heard).toEqual(['gen_a'])
    await Promise.all([runner.close(), other.close(), closeRedis(raw)])
  })
})
