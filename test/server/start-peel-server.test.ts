import { afterEach, describe, expect, it } from 'vitest'
import { GenerateResponseSchema, HealthResponseSchema } from '../../protocol/api'
import { loadConfig } from '../../server/config'
import { createLogger, silentLogger } from '../../server/logger'
import { startPeelServer } from '../../server/start-peel-server'
import type { PeelServer } from '../../server/start-peel-server'
import { startPeel } from '../helpers/start-peel'

const running: PeelServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

describe('startPeelServer (real HTTP on loopback)', () => {
  it('starts its own simulator when no key is set, and serves the API from an iframe origin', async () => {
    const peel = await startPeel({ tokens: ['e2e-token-x7w2q5k3y9z'] })
    running.push(peel)
    expect(peel.mode).toBe('simulator')
    expect(peel.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const health = HealthResponseSchema.parse(await (await fetch(`${peel.url}/health`)).json())
    expect(health.mode).toBe('simulator')
    const res = await fetch(`${peel.url}/v1/generations`, {
      method: 'POST',
      headers: {
        origin: 'null',
        authorization: 'Bearer e2e-token-x7w2q5k3y9z',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ prompt: 'a loopback lemon', aspectRatio: '9:16' }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const body = GenerateResponseSchema.parse(await res.json())
    expect(body.images[0]).toMatchObject({ width: 768, height: 1376 })
  })

  it('cancels the Gemini call when the client goes away', async () => {
    const logs: string[] = []
    const peel = await startPeel({ logger: createLogger({ write: (line) => logs.push(line) }) })
    running.push(peel)
    const controller = new AbortController()
    const started = performance.now()
    const pending = fetch(`${peel.url}/v1/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'slow [sim:latency=4000]' }),
      signal: controller.signal,
    })
    setTimeout(() => {
      controller.abort()
    }, 300)
    await expect(pending).rejects.toThrow()
    // The request ends as 499 long before the simulator's 4 s would have passed.
    await expect
      .poll(() => logs.some((line) => line.includes('"status":499')), { timeout: 3000 })
      .toBe(true)
    expect(performance.now() - started).toBeLessThan(3500)
  })

  it('answers 413 to a huge declared body without waiting for it', async () => {
    const peel = await startPeelServer(loadConfig({ PORT: '0', PEEL_MAX_BODY_MB: '1' }), {
      logger: silentLogger,
    })
    running.push(peel)
    const { request } = await import('node:http')
    const url = new URL(`${peel.url}/v1/generations`)
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': 500 * 1024 * 1024 },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
          req.destroy()
        }
      )
      req.on('error', reject)
      // Only 1 KB of the declared 500 MB is ever sent.
      req.write(Buffer.alloc(1024))
    })
    expect(status).toBe(413)
  })

  it('says clearly when the port is taken', async () => {
    const first = await startPeel()
    running.push(first)
    const config = loadConfig({ PORT: String(first.port) })
    await expect(startPeelServer(config, { logger: silentLogger })).rejects.toThrow(
      new RegExp(`Port ${first.port} on 127.0.0.1 is already in use`)
    )
  })
})
