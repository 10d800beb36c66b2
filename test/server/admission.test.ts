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
  const app = createApp({
    health: { status: 'ok', mode: 'simulator', version: 'test' },
    catalogue: createCatalogue(),
    generations,
    tokens: [],
    maxBodyBytes: 1024 * 1024,
    ...limits,
  })
  return Object.assign(app, { generations })
}

/** The most generations in flight at once until `done` settles, sampled every 5 ms. */
async function peakInFlight(generations: Generations, done: Promise<unknown>): Promise<number> {
  let peak = 0
  const state = { over: false }
  void done.finally(() => (state.over = true))
  while (!state.over) {
    peak = Math.max(peak, generations.inFlight)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return peak
}

/**
 * Sends generation requests whose bodies count themselves when the server reads them: with
 * `halves`, a body comes in two chunks and counts once its second is read (budget is charged by
 * the bytes that have arrived, so a reader may have taken its first chunk while it waits).
 */
function sender(app: ReturnType<typeof appWith>, prompt: string, headers = {}, halves = false) {
  const bytes = new TextEncoder().encode(JSON.stringify({ prompt }))
  const counter = { reads: 0 }
  const send = async () =>
    app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      duplex: 'half',
      body: halves
        ? lazyBody(
            bytes.subarray(0, bytes.length >> 1),
            () => undefined,
            bytes.subarray(bytes.length >> 1),
            () => (counter.reads += 1)
          )
        : lazyBody(bytes, () => (counter.reads += 1)),
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

  it('holds no more request bytes at once than its budget, by the bytes that arrived', async () => {
    // Room for two of the 4 kB bodies below, not three.
    const app = appWith({ admissionLimit: 100, admissionBytes: 9000 })
    const prompt = `slow [sim:latency=300] ${'x'.repeat(4000)}`
    const { send, counter } = sender(app, prompt, {}, true)
    const pending = Promise.all(Array.from({ length: 5 }, send))
    // A body's bytes stay held while its generation runs, so at most two run at once.
    expect(await peakInFlight(app.generations, pending)).toBe(2)
    expect((await pending).map((res) => res.status)).toEqual([200, 200, 200, 200, 200])
    expect(counter.reads).toBe(5)
  })

  it('keeps a streamed generation’s bytes counted until its stream ends', async () => {
    const prompt = 'slow [sim:latency=300]'
    const length = new TextEncoder().encode(JSON.stringify({ prompt })).length
    // Room for one body at a time, not two; any number of requests.
    const app = appWith({ admissionLimit: 100, admissionBytes: Math.round(length * 1.5) })
    const { send, counter } = sender(app, prompt, { accept: 'text/event-stream' }, true)
    const pending = Promise.all([send(), send()].map(async (res) => (await res).text()))
    // The first reply is a stream that stays open for 300 ms; the second waits for its bytes.
    expect(await peakInFlight(app.generations, pending)).toBe(1)
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
