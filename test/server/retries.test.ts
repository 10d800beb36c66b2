import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateResponseSchema } from '../../protocol/api'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { AppError } from '../../server/errors'
import { backoffDelay, withRetries } from '../../server/gemini/with-retries'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

let nonce = 0
const fresh = (text: string) => `${text} #${++nonce}-${Date.now()}`

describe('upstream retries', () => {
  it('[sim:fail_once=503] succeeds on the second attempt and says so', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const before = sim.requests.length
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: fresh('a boat [sim:fail_once=503]') })
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('x-peel-attempts')).toBe('2')
    expect(GenerateResponseSchema.parse(await res.json()).attempts).toBe(2)
    expect(sim.requests.length - before).toBe(2)
  })

  it("[sim:fail_once=429] waits out Google's RetryInfo before trying again", async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const started = performance.now()
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: fresh('a bell [sim:fail_once=429]') })
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('x-peel-attempts')).toBe('2')
    // The simulator's RetryInfo asks for 1 s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it('gives up after the configured attempts and reports them', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, retry: { attempts: 3 } })
    const before = sim.requests.length
    const res = await app.request('/v1/generations', postJson({ prompt: fresh('a cup [sim:503]') }))
    expect(res.status).toBe(503)
    expect(res.headers.get('x-peel-attempts')).toBe('3')
    expect(ErrorEnvelopeSchema.parse(await res.json()).error.attempts).toBe(3)
    expect(sim.requests.length - before).toBe(3)
  })

  it('does not retry answers that will not change: safety blocks, bad keys', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, retry: { attempts: 3 } })
    const before = sim.requests.length
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: fresh('x [sim:image_safety]') })
    )
    expect(res.status).toBe(422)
    expect(res.headers.get('x-peel-attempts')).toBe('1')
    expect(sim.requests.length - before).toBe(1)
  })

  it('stops retrying when the next wait would pass the deadline', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, timeoutMs: 1500, retry: { attempts: 5 } })
    const started = performance.now()
    const res = await app.request('/v1/generations', postJson({ prompt: fresh('x [sim:429]') }))
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(performance.now() - started).toBeLessThan(1500)
  })
})

describe('backoffDelay and withRetries', () => {
  const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }

  it('draws full jitter under an exponential ceiling, capped, never below RetryInfo', () => {
    expect(backoffDelay(1, policy, undefined, () => 0.999)).toBeLessThanOrEqual(100)
    expect(backoffDelay(3, policy, undefined, () => 0.999)).toBe(400)
    expect(backoffDelay(9, policy, undefined, () => 0.999)).toBe(999)
    expect(backoffDelay(2, policy, undefined, () => 0)).toBe(0)
    expect(backoffDelay(1, policy, 2, () => 0.5)).toBe(2000)
  })

  it('never retries an error classified as final, such as a per-day quota', async () => {
    let calls = 0
    const perDay = new AppError('rate_limited', 'Daily quota used up.', { retryAfterSeconds: 3600 })
    await expect(
      withRetries(
        () => {
          calls += 1
          return Promise.reject(new Error('quota'))
        },
        {
          policy,
          deadline: Date.now() + 10_000,
          signal: new AbortController().signal,
          classify: () => perDay,
        }
      )
    ).rejects.toMatchObject({ code: 'rate_limited', attempts: 1 })
    expect(calls).toBe(1)
  })
})
