import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { GenerateResponseSchema } from '../../protocol/api'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('cancelling a generation', () => {
  it('DELETE /v1/generations/{key} aborts the upstream call', async () => {
    const { app, generations, logs } = createTestApp({ baseUrl: sim.url })
    const started = performance.now()
    const pending = app.request(
      '/v1/generations',
      postJson({ prompt: 'slow [sim:latency=3000]' }, { 'idempotency-key': 'cancel-me' })
    )
    await delay(200)
    expect(generations.inFlight).toBe(1)
    const del = await app.request('/v1/generations/cancel-me', { method: 'DELETE' })
    expect(del.status).toBe(200)
    expect(await del.json()).toMatchObject({ status: 'cancelled' })
    const res = await pending
    expect(res.status).toBe(499)
    expect(ErrorEnvelopeSchema.parse(await res.json()).error.code).toBe('cancelled')
    expect(performance.now() - started).toBeLessThan(2000)
    expect(generations.inFlight).toBe(0)
    // The key is the caller's; the log names the route, not the path that carried it.
    expect(logs.join('\n')).not.toContain('cancel-me')
    expect(logs.some((line) => line.includes('"path":"/v1/generations/:id"'))).toBe(true)
  })

  it('keeps running for a caller still waiting when another leaves', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const headers = { 'idempotency-key': `shared-${Date.now()}` }
    const body = { prompt: 'shared [sim:latency=600]' }
    const leaver = new AbortController()
    const first = Promise.resolve(
      app.request('/v1/generations', { ...postJson(body, headers), signal: leaver.signal })
    )
    await delay(100)
    const second = app.request('/v1/generations', postJson(body, headers))
    await delay(100)
    leaver.abort()
    await first.catch(() => undefined)
    const res = await second
    expect(res.status).toBe(200)
    expect(GenerateResponseSchema.parse(await res.json()).images).toHaveLength(1)
  })

  it('answers 404 for a generation that is not running, and hides other tokens’ jobs', async () => {
    const { app } = createTestApp({
      baseUrl: sim.url,
      tokens: ['a:tok-a-x7w2q5k3y9z', 'b:tok-b-x7w2q5k3y9z'],
    })
    const pending = app.request(
      '/v1/generations',
      postJson(
        { prompt: 'mine [sim:latency=500]' },
        { 'idempotency-key': 'private', authorization: 'Bearer tok-a-x7w2q5k3y9z' }
      )
    )
    await delay(100)
    const other = await app.request('/v1/generations/private', {
      method: 'DELETE',
      headers: { authorization: 'Bearer tok-b-x7w2q5k3y9z' },
    })
    expect(other.status).toBe(404)
    expect((await pending).status).toBe(200)
    const gone = await app.request('/v1/generations/private', {
      method: 'DELETE',
      headers: { authorization: 'Bearer tok-a-x7w2q5k3y9z' },
    })
    expect(gone.status).toBe(404)
  })
})

describe('reconnecting with the same Idempotency-Key', () => {
  it('keeps a keyed generation running for a moment after its caller drops, so a retry rejoins it', async () => {
    const { app } = createTestApp({
      baseUrl: sim.url,
      idempotency: { ttlMs: 60_000, maxBytes: 1e8, lingerMs: 2000 },
    })
    const headers = { 'idempotency-key': `linger-${Date.now()}` }
    const body = { prompt: `linger ${Date.now()} [sim:latency=700]` }
    const before = sim.requests.length
    const dropped = new AbortController()
    const first = Promise.resolve(
      app.request('/v1/generations', { ...postJson(body, headers), signal: dropped.signal })
    )
    await delay(150)
    dropped.abort()
    await first.catch(() => undefined)
    await delay(100)
    const retry = await app.request('/v1/generations', postJson(body, headers))
    expect(retry.status).toBe(200)
    expect(sim.requests.length - before).toBe(1)
  })

  it('still cancels an unkeyed generation as soon as its caller drops', async () => {
    const { app, generations } = createTestApp({ baseUrl: sim.url })
    const dropped = new AbortController()
    const pending = Promise.resolve(
      app.request('/v1/generations', {
        ...postJson({ prompt: 'gone [sim:latency=3000]' }),
        signal: dropped.signal,
      })
    )
    await delay(150)
    dropped.abort()
    await pending.catch(() => undefined)
    await vi.waitFor(() => {
      expect(generations.inFlight).toBe(0)
    })
  })
})
