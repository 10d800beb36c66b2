import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateResponseSchema } from '../../protocol/api'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import type { Outcome } from '../../server/outcome'
import { ResultCache } from '../../server/state/result-cache'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

let counter = 0
const key = () => `key-${++counter}-${Date.now()}`

describe('Idempotency-Key', () => {
  it('answers a repeat with the same result and never calls Gemini twice', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const headers = { 'idempotency-key': key() }
    const before = sim.requests.length
    const first = await app.request('/v1/generations', postJson({ prompt: 'a door' }, headers))
    const second = await app.request('/v1/generations', postJson({ prompt: 'a door' }, headers))
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    const [a, b] = [
      GenerateResponseSchema.parse(await first.json()),
      GenerateResponseSchema.parse(await second.json()),
    ]
    expect(b).toEqual(a)
    expect(sim.requests.length - before).toBe(1)
  })

  it('joins a repeat that arrives while the first is still running', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const headers = { 'idempotency-key': key() }
    const before = sim.requests.length
    const body = { prompt: 'a window [sim:latency=400]' }
    const [first, second] = await Promise.all([
      app.request('/v1/generations', postJson(body, headers)),
      app.request('/v1/generations', postJson(body, headers)),
    ])
    const ids = [
      GenerateResponseSchema.parse(await first.json()).id,
      GenerateResponseSchema.parse(await second.json()).id,
    ]
    expect(ids[0]).toBe(ids[1])
    expect(sim.requests.length - before).toBe(1)
  })

  it('refuses a key reused for a different request (409)', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const headers = { 'idempotency-key': key() }
    expect(
      (await app.request('/v1/generations', postJson({ prompt: 'a roof' }, headers))).status
    ).toBe(200)
    const reuse = await app.request('/v1/generations', postJson({ prompt: 'a floor' }, headers))
    expect(reuse.status).toBe(409)
    expect(ErrorEnvelopeSchema.parse(await reuse.json()).error.code).toBe('conflict')
  })

  it('replays a repeat that writes out a default the server filled in, but not another value', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const headers = { 'idempotency-key': key() }
    const before = sim.requests.length
    const body = { prompt: 'a lamp', model: 'gemini-3.1-flash-image' }
    const first = await app.request('/v1/generations', postJson({ prompt: 'a lamp' }, headers))
    const spelledOut = await app.request(
      '/v1/generations',
      postJson({ ...body, imageSize: '1K' }, headers)
    )
    expect([first.status, spelledOut.status]).toEqual([200, 200])
    expect(spelledOut.headers.get('idempotent-replayed')).toBe('true')
    const ids = [
      GenerateResponseSchema.parse(await first.json()).id,
      GenerateResponseSchema.parse(await spelledOut.json()).id,
    ]
    expect(ids[1]).toBe(ids[0])
    const larger = await app.request(
      '/v1/generations',
      postJson({ ...body, imageSize: '2K' }, headers)
    )
    expect(larger.status).toBe(409)
    expect(sim.requests.length - before).toBe(1)
  })

  it('keeps keys apart per token', async () => {
    const { app } = createTestApp({
      baseUrl: sim.url,
      tokens: ['a:tok-a-x7w2q5k3y9z', 'b:tok-b-x7w2q5k3y9z'],
    })
    const shared = key()
    const before = sim.requests.length
    for (const token of ['tok-a-x7w2q5k3y9z', 'tok-b-x7w2q5k3y9z']) {
      const res = await app.request(
        '/v1/generations',
        postJson(
          { prompt: 'a wall' },
          { 'idempotency-key': shared, authorization: `Bearer ${token}` }
        )
      )
      expect(res.status).toBe(200)
      expect(res.headers.get('idempotent-replayed')).toBeNull()
    }
    expect(sim.requests.length - before).toBe(2)
  })

  it('does not keep transient failures, so a retry with the same key really tries again', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, retry: { attempts: 1 } })
    const headers = { 'idempotency-key': key() }
    const body = { prompt: `a stair ${key()} [sim:fail_once=503]` }
    expect((await app.request('/v1/generations', postJson(body, headers))).status).toBe(503)
    expect((await app.request('/v1/generations', postJson(body, headers))).status).toBe(200)
  })

  it('rejects a malformed key', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'x' }, { 'idempotency-key': 'x'.repeat(300) })
    )
    expect(res.status).toBe(400)
  })
})

describe('ResultCache', () => {
  const outcome = (bytes: number): Outcome => ({
    ok: true,
    body: {
      id: 'gen',
      model: 'm',
      images: [{ mimeType: 'image/png', data: 'A'.repeat(bytes), width: 1, height: 1 }],
      finishReason: 'STOP',
      usage: { promptTokens: 0, outputTokens: 0, thoughtsTokens: 0, totalTokens: 0 },
      attempts: 1,
      turn: { user: { parts: [] }, model: { parts: [] } },
    },
  })

  it('drops the oldest entries past its byte budget, and expired ones', () => {
    let now = 0
    const cache = new ResultCache({ ttlMs: 1000, maxBytes: 11_000, now: () => now })
    cache.set('a', 'fa', outcome(4000))
    cache.set('b', 'fb', outcome(4000))
    cache.set('c', 'fc', outcome(4000))
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('b')?.fingerprint).toBe('fb')
    expect(cache.size.bytes).toBeLessThanOrEqual(11_000)
    now = 1500
    expect(cache.get('c')).toBeUndefined()
    cache.set('huge', 'fh', outcome(20_000))
    expect(cache.get('huge')).toBeUndefined()
  })
})
