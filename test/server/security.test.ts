/**
 * Security properties: bearer tokens guard every /v1 route, Gemini keys (the server's and a
 * caller's own) never show up in a reply or a log line whatever Gemini does, and an oversized
 * body is refused before it is read.
 */
import { request as httpRequest } from 'node:http'
import type { ClientRequest, IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { loadConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { startPeelServer } from '../../server/start-peel-server'
import type { PeelServer } from '../../server/start-peel-server'
import { createTestApp } from '../helpers/create-test-app'

// Deliberately not shaped like Google keys (AIza + 35): the logger masks that shape as a last line
// of defence, which would hide a leak of these from the assertions below.
const SERVER_KEY = 'srv-key-Qm7vX2pL9sT4wZ8nR1dF'
const OWN_KEY = 'byok-key-Hh3kR6yJ1cV5bN0qT7gW'
const WRONG_OWN_KEY = 'byok-wrong-Zx9cV8bN7mL6kJ5h'
const GOOGLE_SHAPED_KEY = 'AIzaSyD-srvSecret0123456789abcdefghijk'
const TOKEN = 'sec-token-Pq4Wn8Ez2Ry6Tu0I'
const AUTH = { authorization: `Bearer ${TOKEN}` }

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({
    apiKeys: [SERVER_KEY, OWN_KEY, GOOGLE_SHAPED_KEY],
    hangMs: 60_000,
  })
})
afterAll(() => sim.close())

/** Every way a secret could be spelled in a reply or a log line. */
function spellings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`:${secret}`).toString('base64'),
    JSON.stringify(secret).slice(1, -1),
    // A partial mask that keeps most of the key is still a leak.
    secret.slice(4),
    secret.slice(0, -4),
  ]
}

function expectNoSecrets(where: string, text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const spelling of spellings(secret)) {
      if (text.includes(spelling)) {
        throw new Error(
          `${where} contains a secret (${spelling.slice(0, 6)}…): ${text.slice(0, 400)}`
        )
      }
    }
  }
}

function headerText(res: Response): string {
  return [...res.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n')
}

const DIRECTIVES = [
  '',
  '[sim:429]',
  '[sim:503]',
  '[sim:500]',
  '[sim:timeout]',
  '[sim:malformed]',
  '[sim:stream_error]',
  '[sim:image_safety]',
  '[sim:no_image]',
  '[sim:blocked_prompt]',
  '[sim:latency=30]',
  '[sim:fail_once=503]',
  '[sim:fail_once=429]',
  '[sim:fail_once=500]',
] as const

interface KeyCase {
  name: string
  /** The key the simulator should see. */
  used: string
  upstreamKey: string
  headers: Record<string, string>
}

const KEY_CASES: KeyCase[] = [
  { name: 'the server key', used: SERVER_KEY, upstreamKey: SERVER_KEY, headers: {} },
  {
    name: 'a Google-shaped server key',
    used: GOOGLE_SHAPED_KEY,
    upstreamKey: GOOGLE_SHAPED_KEY,
    headers: {},
  },
  {
    name: 'a BYOK key',
    used: OWN_KEY,
    upstreamKey: SERVER_KEY,
    headers: { 'x-gemini-api-key': OWN_KEY },
  },
]

describe.each(KEY_CASES)('keys never leak: $name', ({ used, upstreamKey, headers }) => {
  const secrets = [SERVER_KEY, OWN_KEY, GOOGLE_SHAPED_KEY, TOKEN]
  let target: ReturnType<typeof createTestApp>

  beforeAll(() => {
    target = createTestApp({
      baseUrl: sim.url,
      tokens: [TOKEN],
      timeoutMs: 1500,
      upstream: { mode: 'gemini', apiKey: upstreamKey, baseUrl: sim.url },
    })
  })

  it.each(DIRECTIVES.flatMap((d) => [[d, 'json'] as const, [d, 'sse'] as const]))(
    'prompt %j as %s',
    async (directive, as) => {
      const res = await target.app.request('/v1/generations', {
        method: 'POST',
        headers: {
          ...AUTH,
          ...headers,
          'content-type': 'application/json',
          ...(as === 'sse' ? { accept: 'text/event-stream' } : {}),
        },
        // A nonce keeps every `fail_once` fresh across cases and runs.
        body: JSON.stringify({
          prompt: `a key-safe lemon ${directive} ${Math.random()}`,
          imageSize: '512',
        }),
      })
      const body = await res.text()
      expect(sim.requests.at(-1)?.apiKey).toBe(used)
      expect(res.headers.get('x-request-id')).toMatch(/.+/)
      expectNoSecrets('the reply body', body, secrets)
      expectNoSecrets('the reply headers', headerText(res), secrets)
      expectNoSecrets('the logs', target.logs.join('\n'), secrets)
      if (res.status >= 400) ErrorEnvelopeSchema.parse(JSON.parse(body))
    }
  )
})

describe('keys never leak when Google rejects them', () => {
  it('keeps a rejected BYOK key and a rejected server key out of replies and logs', async () => {
    const secrets = [WRONG_OWN_KEY, 'srv-rejected-Lk2Jh4Gf6Ds8']
    const own = createTestApp({ baseUrl: sim.url, tokens: [TOKEN] })
    const byok = await own.app.request('/v1/generations', {
      method: 'POST',
      headers: { ...AUTH, 'x-gemini-api-key': WRONG_OWN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a lemon' }),
    })
    expect(byok.status).toBe(401)
    expectNoSecrets('the reply', (await byok.text()) + headerText(byok), secrets)
    expectNoSecrets('the logs', own.logs.join('\n'), secrets)

    const server = createTestApp({
      baseUrl: sim.url,
      tokens: [TOKEN],
      upstream: { mode: 'gemini', apiKey: 'srv-rejected-Lk2Jh4Gf6Ds8', baseUrl: sim.url },
    })
    const res = await server.app.request('/v1/generations', {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a lemon' }),
    })
    expect(res.status).toBe(502)
    expectNoSecrets('the reply', (await res.text()) + headerText(res), secrets)
    expectNoSecrets('the logs', server.logs.join('\n'), secrets)
  })
})

describe('bearer tokens guard every /v1 route', () => {
  const routes = [
    ['GET', '/v1/models'],
    ['POST', '/v1/generations'],
    ['DELETE', '/v1/generations/gen_123'],
    ['GET', '/v1/usage'],
    ['GET', '/v1/no-such-route'],
  ] as const
  const attempts: [string, Record<string, string>][] = [
    ['no header', {}],
    ['an empty header', { authorization: '' }],
    ['a bare Bearer', { authorization: 'Bearer' }],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['the token plus a character', { authorization: `Bearer ${TOKEN}x` }],
    ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ['the token in another scheme', { authorization: `Basic ${TOKEN}` }],
    ['the token without a scheme', { authorization: TOKEN }],
    ['the token in another header', { 'x-api-key': TOKEN, 'x-peel-token': TOKEN }],
    ['the token twice', { authorization: `Bearer ${TOKEN} ${TOKEN}` }],
    ['a Gemini key instead of a token', { 'x-gemini-api-key': OWN_KEY }],
  ]
  const { app, logs } = { ...createTestApp({ baseUrl: 'http://127.0.0.1:9', tokens: [TOKEN] }) }

  it.each(routes)('%s %s answers 401 to every wrong credential', async (method, path) => {
    for (const [name, headers] of attempts) {
      const res = await app.request(`${path}?token=${TOKEN}&key=${TOKEN}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ prompt: 'a lemon' }) } : {}),
      })
      expect(res.status, name).toBe(401)
      const { error } = ErrorEnvelopeSchema.parse(await res.json())
      expect(error.code, name).toBe('unauthorized')
      expect(error.requestId).toBe(res.headers.get('x-request-id'))
    }
    expectNoSecrets('the logs', logs.join('\n'), [TOKEN])
  })

  it('lets the right token through', async () => {
    expect((await app.request('/v1/models', { headers: AUTH })).status).toBe(200)
    expect((await app.request('/health')).status).toBe(200)
  })
})

// ---------------------------------------------------------------------------------------------
// Over a real socket: a 413 must come back while almost nothing has been written.

interface Exchange {
  status: number
  body: string
  requestId: string | undefined
  /** Body bytes the client had handed to the socket when the reply arrived. */
  written: number
}

function readReply(res: IncomingMessage): Promise<{ status: number; body: string; id?: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    const done = () => {
      const id = res.headers['x-request-id']
      resolve({
        status: res.statusCode ?? 0,
        body: Buffer.concat(chunks).toString(),
        id: typeof id === 'string' ? id : undefined,
      })
    }
    res.on('end', done)
    res.on('close', done)
  })
}

/** Streams zeros until the server answers (or `cap` bytes), honouring backpressure. */
function sendUntilAnswered(
  peel: PeelServer,
  headers: Record<string, string | number>,
  cap: number
): Promise<Exchange> {
  const url = new URL(`${peel.url}/v1/generations`)
  return new Promise((resolve, reject) => {
    let written = 0
    let answered = false
    const chunk = Buffer.alloc(16 * 1024, 0x20)
    const req: ClientRequest = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (res) => {
        answered = true
        const at = written
        void readReply(res).then(({ status, body, id }) => {
          req.destroy()
          resolve({ status, body, requestId: id, written: at })
        })
      }
    )
    req.on('error', (error) => {
      // The server may close the connection after its 413; only fail when no reply came.
      if (!answered) reject(error)
    })
    const pump = () => {
      while (!answered && written < cap) {
        written += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
    }
    pump()
  })
}

describe('oversized bodies over a real socket', () => {
  const LIMIT = 1024 * 1024
  let peel: PeelServer
  const logs: string[] = []
  beforeAll(async () => {
    peel = await startPeelServer(
      loadConfig({ PORT: '0', PEEL_MAX_BODY_MB: '1', GEMINI_BASE_URL: sim.url }),
      { logger: createLogger({ write: (line) => logs.push(line) }) }
    )
  })
  afterAll(() => peel.close())

  function expectTooLarge(exchange: Exchange) {
    expect(exchange.status).toBe(413)
    const { error } = ErrorEnvelopeSchema.parse(JSON.parse(exchange.body))
    expect(error.code).toBe('payload_too_large')
    expect(error.requestId).toBe(exchange.requestId)
  }

  it('answers a declared 500 MB body from its Content-Length after a few KB', async () => {
    // Only 4 KB of the declared 500 MB is ever sent, so a reply proves nothing was waited for.
    const exchange = await sendUntilAnswered(
      peel,
      { 'content-type': 'application/json', 'content-length': 500 * 1024 * 1024 },
      4 * 1024
    )
    expectTooLarge(exchange)
    expect(exchange.written).toBeLessThanOrEqual(16 * 1024)
  })

  it('stops a chunked body without Content-Length soon after it passes the limit', async () => {
    const exchange = await sendUntilAnswered(
      peel,
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      500 * 1024 * 1024
    )
    expectTooLarge(exchange)
    // The limit, plus what the loopback socket buffers absorb (a few MB): far from the 500 MB on
    // offer, which a server that buffered everything would take before answering.
    expect(exchange.written).toBeGreaterThan(LIMIT)
    expect(exchange.written).toBeLessThan(LIMIT + 16 * 1024 * 1024)
  })
})
