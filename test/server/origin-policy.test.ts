/**
 * Who may drive the server from a browser. Without tokens: the Figma iframe (`Origin: null`), the
 * server's own pages and loopback Host names only; with tokens, any origin (the token decides).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { preflight } from '../helpers/preflight'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'

const TOKEN = 'tok-origin-x7w2q5k3y9z0'
const EVIL = 'https://evil.example'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

async function expectForbidden(res: Response, names: RegExp): Promise<void> {
  expect(res.status).toBe(403)
  const { error } = ErrorEnvelopeSchema.parse(await res.json())
  expect(error.code).toBe('forbidden')
  expect(error.message).toMatch(names)
  expect(error.requestId).toBe(res.headers.get('x-request-id'))
}

describe('without tokens', () => {
  const app = () => createTestApp({ baseUrl: sim.url }).app

  it('gives another origin no CORS headers and no private-network grant on a preflight', async () => {
    const res = await app().request('/v1/generations', preflight(EVIL))
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-allow-private-network')).toBeNull()
  })

  it("refuses another origin's requests outright, so Gemini is never called", async () => {
    const before = sim.requests.length
    const simple = await app().request('/v1/generations', {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'text/plain' },
      body: JSON.stringify({ prompt: 'spend the key' }),
    })
    await expectForbidden(simple, /PEEL_CORS_ORIGINS.*PEEL_TOKENS/)
    const json = await app().request(
      '/v1/generations',
      postJson({ prompt: 'spend the key' }, { origin: EVIL })
    )
    await expectForbidden(json, /PEEL_CORS_ORIGINS/)
    await expectForbidden(await app().request('/v1/models', { headers: { origin: EVIL } }), /./)
    expect(sim.requests.length).toBe(before)
  })

  it('answers the Figma iframe (Origin: null), private network access included', async () => {
    const pre = await app().request('/v1/generations', preflight('null'))
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('null')
    expect(pre.headers.get('access-control-allow-private-network')).toBe('true')
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/)
    expect(pre.headers.get('vary')).toMatch(/Origin/)
    const res = await app().request(
      '/v1/generations',
      postJson({ prompt: 'a lime' }, { origin: 'null' })
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('null')
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i)
    // A streamed reply is made by streamSSE, not by the route's own c.body(); it needs them too.
    const stream = await app().request(
      '/v1/generations',
      postJson({ prompt: 'a lime' }, { origin: 'null', accept: 'text/event-stream' })
    )
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
    expect(stream.headers.get('access-control-allow-origin')).toBe('null')
    expect(stream.headers.get('x-request-id')).toMatch(/^[\w-]+$/)
    await stream.text()
  })

  it("answers the server's own pages, and requests with no Origin (curl, the SDK)", async () => {
    const own = await app().request('http://localhost:8787/v1/models', {
      headers: { origin: 'http://localhost:8787', host: 'localhost:8787' },
    })
    expect(own.status).toBe(200)
    expect(own.headers.get('access-control-allow-origin')).toBe('http://localhost:8787')
    // Same host, another port: another origin.
    const other = await app().request('http://localhost:8787/v1/models', {
      headers: { origin: 'http://localhost:5173', host: 'localhost:8787' },
    })
    expect(other.status).toBe(403)
    expect((await app().request('/v1/models')).status).toBe(200)
  })

  it('refuses a Host that is not loopback, naming PEEL_ALLOWED_HOSTS (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:8787', '127.0.0.1.evil.example', '[::1']) {
      const res = await app().request('/v1/models', { headers: { host } })
      await expectForbidden(res, /PEEL_ALLOWED_HOSTS/)
    }
    for (const host of [
      'localhost:8787',
      '127.0.0.1:8787',
      '[::1]:8787',
      'LocalHost',
      'peel.localhost',
    ]) {
      expect((await app().request('/v1/models', { headers: { host } })).status, host).toBe(200)
    }
  })
})

describe('with tokens', () => {
  const app = () => createTestApp({ baseUrl: sim.url, tokens: [TOKEN] }).app

  it('keeps Access-Control-Allow-Origin: * for any origin and any Host; the token decides', async () => {
    const pre = await app().request('/v1/generations', preflight(EVIL))
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
    expect(pre.headers.get('access-control-allow-private-network')).toBe('true')
    const res = await app().request('/v1/models', {
      headers: { origin: EVIL, host: 'peel.example.com', authorization: `Bearer ${TOKEN}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect((await app().request('/v1/models', { headers: { origin: EVIL } })).status).toBe(401)
  })
})
