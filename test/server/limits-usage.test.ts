import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { UsageReportSchema } from '../../protocol/usage'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { MemoryStore } from '../../server/state/memory-store'
import { createTokenLimits } from '../../server/state/token-limits'
import { createTestApp, postJson } from '../helpers/create-test-app'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

const auth = (token: string) => ({ authorization: `Bearer ${token}` })
const tokens = [
  'alice:tok-alice-x7w2q5k3y9z;rpm=2',
  'bob:tok-bob-x7w2q5k3y9z;ipd=2',
  'carol:tok-carol-x7w2q5k3y9z;ipd=1',
  'ops:tok-ops-x7w2q5k3y9z;admin',
]

describe('per-token limits', () => {
  it('answers 429 with Retry-After past the requests-per-minute limit, for that token only', async () => {
    // A pinned clock 20 s into a minute, so the window cannot roll over mid-test.
    const { app } = createTestApp({ baseUrl: sim.url, tokens, now: () => 1_800_000_020_000 })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (
          await app.request(
            '/v1/generations',
            postJson({ prompt: `a ${i}` }, auth('tok-alice-x7w2q5k3y9z'))
          )
        ).status
      )
    }
    expect(statuses).toEqual([200, 200, 429])
    const over = await app.request(
      '/v1/generations',
      postJson({ prompt: 'again' }, auth('tok-alice-x7w2q5k3y9z'))
    )
    const retryAfter = Number(over.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBe(40)
    expect(ErrorEnvelopeSchema.parse(await over.json()).error.code).toBe('rate_limited')
    expect(
      (await app.request('/v1/generations', postJson({ prompt: 'b' }, auth('tok-ops-x7w2q5k3y9z'))))
        .status
    ).toBe(200)
  })

  it('reserves images at admission, so parallel requests cannot overrun images per day', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, tokens, now: () => 1_800_000_020_000 })
    const results = await Promise.all(
      [1, 2, 3].map(async (n) =>
        app.request(
          '/v1/generations',
          postJson({ prompt: `slow ${n} [sim:latency=300]` }, auth('tok-bob-x7w2q5k3y9z'))
        )
      )
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 429])
  })

  it('gives back the reserved image when no image was made', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, tokens, now: () => 1_800_000_020_000 })
    expect(
      (
        await app.request(
          '/v1/generations',
          postJson({ prompt: 'x [sim:image_safety]' }, auth('tok-carol-x7w2q5k3y9z'))
        )
      ).status
    ).toBe(422)
    expect(
      (
        await app.request(
          '/v1/generations',
          postJson({ prompt: 'y' }, auth('tok-carol-x7w2q5k3y9z'))
        )
      ).status
    ).toBe(200)
    expect(
      (
        await app.request(
          '/v1/generations',
          postJson({ prompt: 'z' }, auth('tok-carol-x7w2q5k3y9z'))
        )
      ).status
    ).toBe(429)
  })

  it('opens a new minute window after the old one ends', async () => {
    let now = 0
    const limits = createTokenLimits(new MemoryStore(() => now), () => now)
    const token = { name: 't', token: 'x', rpm: 1, admin: false }
    await limits.admitRequest(token)
    await expect(limits.admitRequest(token)).rejects.toMatchObject({ code: 'rate_limited' })
    now = 60_000
    await expect(limits.admitRequest(token)).resolves.toBeUndefined()
  })
})

describe('GET /v1/usage', () => {
  it('reports requests, images, tokens and estimated cost per token and model; replays cost nothing', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, tokens })
    const key = { 'idempotency-key': `usage-${Date.now()}` }
    await app.request(
      '/v1/generations',
      postJson({ prompt: 'a kiwi' }, { ...auth('tok-ops-x7w2q5k3y9z'), ...key })
    )
    await app.request(
      '/v1/generations',
      postJson({ prompt: 'a kiwi' }, { ...auth('tok-ops-x7w2q5k3y9z'), ...key })
    )
    await app.request(
      '/v1/generations',
      postJson({ prompt: 'a fig', model: 'gemini-2.5-flash-image' }, auth('tok-bob-x7w2q5k3y9z'))
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const admin = UsageReportSchema.parse(
      await (await app.request('/v1/usage', { headers: auth('tok-ops-x7w2q5k3y9z') })).json()
    )
    const ops = admin.tokens.find((t) => t.token === 'ops')?.models[0]
    expect(ops).toMatchObject({
      model: 'gemini-3.1-flash-image',
      requests: 2,
      images: 1,
      outputTokens: expect.any(Number) as number,
    })
    expect(ops?.estimatedCostUsd).toBeCloseTo(0.067, 6)
    expect(ops?.inputTokens).toBeGreaterThan(0)
    expect(admin.tokens.find((t) => t.token === 'bob')?.models[0]).toMatchObject({
      images: 1,
      estimatedCostUsd: 0.039,
    })
  })

  it("never shows one token another token's usage", async () => {
    const { app } = createTestApp({ baseUrl: sim.url, tokens })
    await app.request('/v1/generations', postJson({ prompt: 'mine' }, auth('tok-ops-x7w2q5k3y9z')))
    await app.request('/v1/generations', postJson({ prompt: 'yours' }, auth('tok-bob-x7w2q5k3y9z')))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const bob = UsageReportSchema.parse(
      await (await app.request('/v1/usage', { headers: auth('tok-bob-x7w2q5k3y9z') })).json()
    )
    expect(bob.tokens.map((t) => t.token)).toEqual(['bob'])
    expect((await app.request('/v1/usage')).status).toBe(401)
  })
})

describe('GET /metrics', () => {
  it('exports Prometheus text to an admin token, and refuses others', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, tokens })
    await app.request(
      '/v1/generations',
      postJson({ prompt: 'a plum' }, auth('tok-ops-x7w2q5k3y9z'))
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const res = await app.request('/metrics', { headers: auth('tok-ops-x7w2q5k3y9z') })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(text).toContain('# TYPE peel_http_requests_total counter')
    expect(text).toMatch(
      /peel_http_requests_total\{method="POST",route="\/v1\/generations",status="200"\} 1/
    )
    expect(text).toMatch(/peel_generations_total\{model="gemini-3.1-flash-image",outcome="ok"\} 1/)
    expect(text).toMatch(/peel_images_total\{model="gemini-3.1-flash-image"\} 1/)
    expect(text).toMatch(/peel_generations_in_flight 0/)
    expect(text).toMatch(
      /peel_http_request_duration_seconds_bucket\{route="\/v1\/generations",le="\+Inf"\} 1/
    )
    expect((await app.request('/metrics', { headers: auth('tok-bob-x7w2q5k3y9z') })).status).toBe(
      401
    )
    expect((await app.request('/metrics')).status).toBe(401)
  })
})
