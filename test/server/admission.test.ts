import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../server/app'
import { createCatalogue } from '../../server/gemini/create-catalogue'
import { createGenerator } from '../../server/gemini/create-generator'
import { Generations } from '../../server/generation/generations'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

describe('admission', () => {
  it('reads no more generation bodies at once than its limit', async () => {
    const generations = new Generations(
      createGenerator({ upstream: { mode: 'simulator', baseUrl: sim.url }, timeoutMs: 30_000 })
    )
    const app = createApp({
      health: { status: 'ok', mode: 'simulator', version: 'test' },
      catalogue: createCatalogue(),
      generations,
      tokens: [],
      maxBodyBytes: 1024 * 1024,
      admissionLimit: 2,
    })
    let reads = 0
    const bytes = new TextEncoder().encode(JSON.stringify({ prompt: 'slow [sim:latency=300]' }))
    const request = async (): Promise<number> => {
      // Pulled only when the server reads it, not ahead of time.
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            reads += 1
            controller.enqueue(bytes)
            controller.close()
          },
        },
        { highWaterMark: 0 }
      )
      const res = await app.request('/v1/generations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
        body,
      })
      return res.status
    }
    const pending = Promise.all(Array.from({ length: 6 }, request))
    await vi.waitFor(() => {
      expect(reads).toBe(2)
    })
    // The two admitted requests take 300 ms upstream; meanwhile nobody else is read.
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(reads).toBe(2)
    expect(await pending).toEqual([200, 200, 200, 200, 200, 200])
    expect(reads).toBe(6)
  })

  it('holds no more request bytes at once than its budget, by Content-Length', async () => {
    const generations = new Generations(
      createGenerator({ upstream: { mode: 'simulator', baseUrl: sim.url }, timeoutMs: 30_000 })
    )
    const app = createApp({
      health: { status: 'ok', mode: 'simulator', version: 'test' },
      catalogue: createCatalogue(),
      generations,
      tokens: [],
      maxBodyBytes: 1024 * 1024,
      admissionLimit: 100,
      // Room for two of the 4 kB bodies below, not three.
      admissionBytes: 9000,
    })
    const padding = 'x'.repeat(4000)
    const bytes = new TextEncoder().encode(
      JSON.stringify({ prompt: `slow [sim:latency=300] ${padding}` })
    )
    let reads = 0
    const request = async (): Promise<number> => {
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            reads += 1
            controller.enqueue(bytes)
            controller.close()
          },
        },
        { highWaterMark: 0 }
      )
      const res = await app.request('/v1/generations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
        duplex: 'half',
        body,
      })
      return res.status
    }
    const pending = Promise.all(Array.from({ length: 5 }, request))
    await vi.waitFor(() => {
      expect(reads).toBe(2)
    })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(reads).toBe(2)
    expect(await pending).toEqual([200, 200, 200, 200, 200])
    expect(reads).toBe(5)
  })

  it('keeps a streamed generation admitted until its stream ends', async () => {
    const generations = new Generations(
      createGenerator({ upstream: { mode: 'simulator', baseUrl: sim.url }, timeoutMs: 30_000 })
    )
    const app = createApp({
      health: { status: 'ok', mode: 'simulator', version: 'test' },
      catalogue: createCatalogue(),
      generations,
      tokens: [],
      maxBodyBytes: 1024 * 1024,
      admissionLimit: 1,
    })
    const bytes = new TextEncoder().encode(JSON.stringify({ prompt: 'slow [sim:latency=300]' }))
    let reads = 0
    const request = async (): Promise<string> => {
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            reads += 1
            controller.enqueue(bytes)
            controller.close()
          },
        },
        { highWaterMark: 0 }
      )
      const res = await app.request('/v1/generations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        duplex: 'half',
        body,
      })
      return res.text()
    }
    const pending = Promise.all([request(), request()])
    await vi.waitFor(() => {
      expect(reads).toBe(1)
    })
    // The first reply is a stream that stays open for 300 ms; the second waits unread.
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(reads).toBe(1)
    const streams = await pending
    expect(reads).toBe(2)
    for (const text of streams) expect(text).toContain('event: result')
  })

  it('refuses a body declared over the limit at once, without queueing behind others', async () => {
    const generations = new Generations(
      createGenerator({ upstream: { mode: 'simulator', baseUrl: sim.url }, timeoutMs: 30_000 })
    )
    const app = createApp({
      health: { status: 'ok', mode: 'simulator', version: 'test' },
      catalogue: createCatalogue(),
      generations,
      tokens: [],
      maxBodyBytes: 1024,
      admissionLimit: 1,
    })
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
