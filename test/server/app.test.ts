import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HealthResponseSchema, ModelsResponseSchema } from '../../protocol/api'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({
    apiKeys: ['peel-simulator-key', 'byok-own-key-7f3a9c'],
  })
})
afterAll(() => sim.close())

/** An app built on first use, once the simulator (started in beforeAll) has a URL. */
function lazyApp(options: Omit<Parameters<typeof createTestApp>[0], 'baseUrl'>) {
  let built: ReturnType<typeof createTestApp> | undefined
  return {
    request: (path: string, init?: RequestInit) => {
      built ??= createTestApp({ baseUrl: sim.url, ...options })
      return built.app.request(path, init)
    },
  }
}

describe('GET /health and /v1/models', () => {
  it('reports status, mode and version without auth', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, tokens: ['t0k3n-x7w2q5k3y9z0'] })
    const res = await app.request('/health')
    expect(res.status).toBe(200)
    expect(HealthResponseSchema.parse(await res.json())).toEqual({
      status: 'ok',
      mode: 'simulator',
      version: 'test',
    })
  })

  it('lists the catalogue', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request('/v1/models')
    expect(res.status).toBe(200)
    const { models } = ModelsResponseSchema.parse(await res.json())
    expect(models.filter((m) => m.default).map((m) => m.id)).toEqual(['gemini-3.1-flash-image'])
  })

  it('answers unknown paths with the envelope and a request id', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request('/v2/nothing')
    expect(res.status).toBe(404)
    expect(ErrorEnvelopeSchema.parse(await res.json()).error.code).toBe('not_found')
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/)
  })
})

describe('auth', () => {
  const app = lazyApp({ tokens: ['first-token-x7w2q5k3', 'second-token-x7w2q5k3'] })

  it('needs a bearer token on /v1/* when tokens are set', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: 'Basic Zmlyc3QtdG9rZW4teDd3MnE1azM=' },
    ]
    for (const headers of attempts) {
      const res = await app.request('/v1/models', { headers })
      expect(res.status).toBe(401)
      const body = ErrorEnvelopeSchema.parse(await res.json())
      expect(body.error.code).toBe('unauthorized')
      expect(body.error.message).toMatch(/Peel settings/)
    }
    expect(
      (
        await app.request('/v1/models', {
          headers: { authorization: 'Bearer second-token-x7w2q5k3' },
        })
      ).status
    ).toBe(200)
  })

  it('checks the token before reading a body', async () => {
    const res = await app.request('/v1/generations', postJson({ prompt: 'x' }))
    expect(res.status).toBe(401)
  })
})

describe('CORS for the Figma iframe (origin null)', () => {
  const app = lazyApp({ tokens: ['tok-x7w2q5k3y9z0a1'] })

  it('answers the preflight, private network access included', async () => {
    const res = await app.request('/v1/generations', {
      method: 'OPTIONS',
      headers: {
        origin: 'null',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-gemini-api-key',
        'access-control-request-private-network': 'true',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/)
    const allowed = res.headers.get('access-control-allow-headers')?.toLowerCase() ?? ''
    for (const header of ['authorization', 'content-type', 'x-gemini-api-key'])
      expect(allowed).toContain(header)
    expect(res.headers.get('access-control-allow-private-network')).toBe('true')
  })

  it('lets the iframe read replies and the request id', async () => {
    const res = await app.request('/v1/models', {
      headers: { origin: 'null', authorization: 'Bearer tok-x7w2q5k3y9z0a1' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i)
  })
})

describe('body limit', () => {
  const app = lazyApp({ maxBodyBytes: 1024 * 1024 })

  it('answers 413 from Content-Length alone, without reading the body', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(new Uint8Array(64 * 1024))
      },
    })
    const res = await app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      body,
      duplex: 'half',
    })
    expect(res.status).toBe(413)
    expect(ErrorEnvelopeSchema.parse(await res.json()).error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/\(1 MB\)/) as string,
    })
    expect(pulled).toBeLessThanOrEqual(2)
  })

  it('stops reading a chunked body once it passes the limit', async () => {
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024
        if (sent > 100 * 1024 * 1024) controller.close()
        else controller.enqueue(new Uint8Array(64 * 1024))
      },
    })
    const res = await app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    })
    expect(res.status).toBe(413)
    expect(sent).toBeLessThan(2 * 1024 * 1024)
  })
})

describe('bring your own key', () => {
  const ownKey = 'byok-own-key-7f3a9c'

  it('uses X-Gemini-Api-Key for that request only, and never logs it', async () => {
    const { app, logs } = createTestApp({ baseUrl: sim.url })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'a kiwi' }, { 'x-gemini-api-key': ownKey })
    )
    expect(res.status).toBe(200)
    expect(sim.requests.at(-1)?.apiKey).toBe(ownKey)
    const next = await app.request('/v1/generations', postJson({ prompt: 'a fig' }))
    expect(next.status).toBe(200)
    expect(sim.requests.at(-1)?.apiKey).toBe('peel-simulator-key')
    expect(logs.length).toBeGreaterThan(0)
    expect(logs.join('\n')).not.toContain(ownKey)
  })

  it('says when Google rejects your own key (401) versus the server key (502)', async () => {
    const { app, logs } = createTestApp({ baseUrl: sim.url })
    const own = await app.request(
      '/v1/generations',
      postJson({ prompt: 'x' }, { 'x-gemini-api-key': 'AIzaWrongWrongWrongWrongWrongWrong12345' })
    )
    expect(own.status).toBe(401)
    const ownBody = ErrorEnvelopeSchema.parse(await own.json())
    expect(ownBody.error.message).toMatch(/your own Gemini API key/)
    expect(JSON.stringify(ownBody)).not.toContain('AIzaWrong')
    expect(logs.join('\n')).not.toContain('AIzaWrong')

    const badServer = createTestApp({
      baseUrl: sim.url,
      upstream: { mode: 'gemini', apiKey: 'server-secret-key', baseUrl: sim.url },
    })
    const res = await badServer.app.request('/v1/generations', postJson({ prompt: 'x' }))
    expect(res.status).toBe(502)
    const text = await res.text()
    expect(text).toMatch(/GEMINI_API_KEY/)
    expect(text).not.toContain('server-secret-key')
    expect(badServer.logs.join('\n')).not.toContain('server-secret-key')
  })
})
