import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../server/app'
import type { AppDeps } from '../../server/app'
import { createCatalogue } from '../../server/gemini/create-catalogue'
import { createGenerator } from '../../server/gemini/create-generator'
import { Generations } from '../../server/generation/generations'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { lazyBody } from '../helpers/lazy-body'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

function appWith(limits: Partial<AppDeps>) {
  const generations = new Generations(
    createGenerator({ upstream: { mode: 'simulator', baseUrl: sim.url }, timeoutMs: 30_000 })
  )
  return createApp({
    health: { status: 'ok', mode: 'simulator', version: 'test' },
    catalogue: createCatalogue(),
    generations,
    tokens: [],
    maxBodyBytes: 1024 * 1024,
    ...limits,
  })
}

/** Sends generation requests whose bodies count themselves when the server reads them. */
function sender(app: ReturnType<typeof appWith>, prompt: string, headers = {}) {
  const bytes = new TextEncoder().encode(JSON.stringify({ prompt }))
  const counter = { reads: 0 }
  const send = async () =>
    app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      duplex: 'half',
      body: lazyBody(bytes, () => (counter.reads += 1)),
    })
  return { send, counter, length: bytes.length }
}

/** Waits until exactly `reads` bodies have been read, then checks no more are for a while. */
async function readsStayAt(counter: { reads: number }, reads: number): Promise<void> {
  await vi.waitFor(() => {
    expect(counter.reads).toBe(reads)
  })
  // The admitted requests take 300 ms upstream; meanwhile nobody else is read.
  await new Promise((resolve) => setTimeout(resolve, 150))
  expect(counter.reads).toBe(reads)
}

describe('admission', () => {
  it('reads no more generation bodies at once than its limit', async () => {
    const { send, counter } = sender(appWith({ admissionLimit: 2 }), 'slow [sim:latency=300]')
    const pending = Promise.all(Array.from({ length: 6 }, send))
    await readsStayAt(counter, 2)
    expect((await pending).map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 200])
    expect(counter.reads).toBe(6)
  })

  it('holds no more request bytes at once than its budget, by Content-Length', async () => {
    // Room for two of the 4 kB bodies below, not three.
    const app = appWith({ admissionLimit: 100, admissionBytes: 9000 })
    const prompt = `slow [sim:latency=300] ${'x'.repeat(4000)}`
    const length = new TextEncoder().encode(JSON.stringify({ prompt })).length
    const { send, counter } = sender(app, prompt, { 'content-length': String(length) })
    const pending = Promise.all(Array.from({ length: 5 }, send))
    await readsStayAt(counter, 2)
    expect((await pending).map((res) => res.status)).toEqual([200, 200, 200, 200, 200])
    expect(counter.reads).toBe(5)
  })

  it('keeps a streamed generation’s bytes counted until its stream ends', async () => {
    const prompt = 'slow [sim:latency=300]'
    const length = new TextEncoder().encode(JSON.stringify({ prompt })).length
    // Room for one body at a time, not two; any number of requests.
    const app = appWith({ admissionLimit: 100, admissionBytes: Math.round(length * 1.5) })
    const { send, counter } = sender(app, prompt, {
      accept: 'text/event-stream',
      'content-length': String(length),
    })
    const pending = Promise.all([send(), send()].map(async (res) => (await res).text()))
    // The first reply is a stream that stays open for 300 ms; the second waits unread.
    await readsStayAt(counter, 1)
    const streams = await pending
    expect(counter.reads).toBe(2)
    for (const text of streams) expect(text).toContain('event: result')
  })

  it('gives a streamed generation’s slot back once its stream has started', async () => {
    // One request handled at a time, yet both streams run at once.
    const app = appWith({ admissionLimit: 1 })
    const { send, counter } = sender(app, 'slow [sim:latency=300]', { accept: 'text/event-stream' })
    const pending = Promise.all([send(), send()].map(async (res) => (await res).text()))
    // Both were read long before the first stream's 300 ms are over.
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(counter.reads).toBe(2)
    for (const text of await pending) expect(text).toContain('event: result')
  })

  it('refuses a body declared over the limit at once, without queueing behind others', async () => {
    const app = appWith({ maxBodyBytes: 1024, admissionLimit: 1 })
    const slow = Promise.resolve(
      app.request('/v1/generations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'slow [sim:latency=400]' }),
      })
    )
    let slowDone = false
    void slow.then(() => (slowDone = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const huge = await app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(10 ** 12) },
      body: '{}',
    })
    expect(huge.status).toBe(413)
    // Answered while the slow one still holds the only slot.
    expect(slowDone).toBe(false)
    expect((await slow).status).toBe(200)
  })
})
