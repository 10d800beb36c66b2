import { describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { createApp } from '../../server/app'
import { createCatalogue } from '../../server/gemini/create-catalogue'
import { createGenerator } from '../../server/gemini/create-generator'
import { Generations } from '../../server/generation/generations'
import { postJson } from '../helpers/create-test-app'
import { lazyBody } from '../helpers/lazy-body'
import { startPeel } from '../helpers/start-peel'

const post = (url: string, prompt: string) => fetch(`${url}/v1/generations`, postJson({ prompt }))

describe('graceful shutdown', () => {
  it('lets running generations finish, then closes', async () => {
    const peel = await startPeel()
    const running = post(peel.url, 'slow [sim:latency=800]')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(peel.inFlight).toBe(1)
    const started = performance.now()
    const stopped = peel.shutdown(5000)
    await expect(fetch(`${peel.url}/health`)).rejects.toThrow()
    expect((await running).status).toBe(200)
    expect(await stopped).toEqual({ abandoned: 0 })
    expect(performance.now() - started).toBeGreaterThanOrEqual(500)
  })

  it('gives up on generations that outlast the grace period', async () => {
    const peel = await startPeel()
    const running = post(peel.url, 'slower [sim:latency=5000]').catch(() => 'dropped')
    await new Promise((resolve) => setTimeout(resolve, 150))
    const started = performance.now()
    expect(await peel.shutdown(200)).toEqual({ abandoned: 1 })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(await running).toBe('dropped')
  })

  it('answers new generations with 503 while draining', async () => {
    const generations = new Generations(
      createGenerator({
        upstream: { mode: 'simulator', baseUrl: 'http://127.0.0.1:9' },
        timeoutMs: 1000,
      })
    )
    const app = createApp({
      health: { status: 'ok', mode: 'simulator', version: 'test' },
      catalogue: createCatalogue(),
      generations,
      tokens: [],
      maxBodyBytes: 1024 * 1024,
      isDraining: () => true,
    })
    let read = false
    const body = lazyBody(new TextEncoder().encode('{"prompt":"x"}'), () => (read = true))
    const res = await app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
      body,
    })
    expect(res.status).toBe(503)
    // Refused before its body was read.
    expect(read).toBe(false)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(ErrorEnvelopeSchema.parse(await res.json()).error.message).toMatch(/restarting/)
  })
})
