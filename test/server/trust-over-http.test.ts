/**
 * Token parsing, CORS and Host rules through the real start-up path (`loadConfig` from the
 * environment, `startPeelServer`, real sockets), with raw `node:http` so Host and Origin are sent
 * exactly as a browser or an attacker would send them.
 */
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { UsageReportSchema } from '../../protocol/usage'
import { loadConfig } from '../../server/config'
import { createLogger, silentLogger } from '../../server/logger'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { startPeelServer } from '../../server/start-peel-server'
import { preflight } from '../helpers/preflight'
import type { PeelServer } from '../../server/start-peel-server'

// Base64 secrets with one and two "=" of padding: the old parser split them at their first "=".
const DESIGN = Buffer.from('for designers only!').toString('base64')
const BARE = Buffer.from('a bare padded token!').toString('base64')
const OPS = Buffer.from('the ops admin token!').toString('base64')

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  peel: PeelServer,
  path: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
  const url = new URL(path, peel.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const generation = (headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ prompt: 'a padded pear' }),
})

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

describe('PEEL_TOKENS with padded base64 secrets', () => {
  const logs: string[] = []
  let peel: PeelServer
  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      GEMINI_BASE_URL: sim.url,
      PEEL_TOKENS: `design:${DESIGN};rpm=50, ${BARE}, ops:${OPS};admin`,
    })
    peel = await startPeelServer(config, {
      logger: createLogger({ write: (line) => logs.push(line) }),
    })
  })
  afterAll(() => peel.close())

  it('accepts the whole padded secret, and refuses "Bearer =" and the secret cut at its "="', async () => {
    for (const token of [DESIGN, BARE]) {
      expect(
        (await send(peel, '/v1/generations', generation({ authorization: `Bearer ${token}` })))
          .status
      ).toBe(200)
    }
    for (const token of ['=', '==', DESIGN.slice(0, -2), BARE.slice(0, -1)]) {
      const res = await send(peel, '/v1/models', { headers: { authorization: `Bearer ${token}` } })
      expect(res.status, token).toBe(401)
    }
  })

  it('names tokens design and token-2 in /v1/usage and in the log, never after the secret', async () => {
    const res = await send(peel, '/v1/usage', { headers: { authorization: `Bearer ${OPS}` } })
    expect(res.status).toBe(200)
    const names = UsageReportSchema.parse(JSON.parse(res.body)).tokens.map((row) => row.token)
    expect(names.sort()).toEqual(['design', 'token-2'])
    const generated = logs.filter((line) => line.includes('"path":"/v1/generations"'))
    expect(generated.some((line) => line.includes('"token":"design"'))).toBe(true)
    expect(generated.some((line) => line.includes('"token":"token-2"'))).toBe(true)
    for (const secret of [DESIGN, BARE, OPS]) {
      const prefix = secret.slice(0, 12)
      expect(res.body).not.toContain(prefix)
      expect(logs.join('\n')).not.toContain(prefix)
    }
  })
})

describe('without tokens', () => {
  const TRUSTED = 'https://peel.example.com'
  let peel: PeelServer
  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      GEMINI_BASE_URL: sim.url,
      PEEL_CORS_ORIGINS: TRUSTED,
      PEEL_ALLOWED_HOSTS: 'peel.local',
    })
    peel = await startPeelServer(config, { logger: silentLogger })
  })
  afterAll(() => peel.close())

  it('gives an evil origin neither CORS nor a private-network grant, and grants both to trusted ones', async () => {
    const evil = await send(peel, '/v1/generations', preflight('https://evil.example'))
    expect(evil.headers['access-control-allow-origin']).toBeUndefined()
    expect(evil.headers['access-control-allow-private-network']).toBeUndefined()
    for (const origin of ['null', TRUSTED, peel.url]) {
      const res = await send(peel, '/v1/generations', preflight(origin))
      expect(res.headers['access-control-allow-origin'], origin).toBe(origin)
      expect(res.headers['access-control-allow-private-network'], origin).toBe('true')
    }
  })

  it("answers 403 to an evil origin's simple POST and never calls Gemini", async () => {
    const before = sim.requests.length
    for (const type of ['text/plain', 'application/json']) {
      const res = await send(peel, '/v1/generations', {
        ...generation({ origin: 'https://evil.example' }),
        headers: { origin: 'https://evil.example', 'content-type': type },
      })
      expect(res.status, type).toBe(403)
      expect(ErrorEnvelopeSchema.parse(JSON.parse(res.body)).error.code).toBe('forbidden')
    }
    expect(sim.requests.length).toBe(before)
  })

  it('serves the Figma iframe, its own pages, PEEL_CORS_ORIGINS and callers with no Origin', async () => {
    for (const origin of ['null', peel.url, TRUSTED, undefined]) {
      const headers: Record<string, string> = origin === undefined ? {} : { origin }
      const res = await send(peel, '/v1/generations', generation(headers))
      expect(res.status, origin).toBe(200)
      expect(res.headers['access-control-allow-origin'], origin).toBe(origin)
    }
  })

  it('refuses Host: evil.example (DNS rebinding) and takes loopback names and PEEL_ALLOWED_HOSTS', async () => {
    const evil = await send(peel, '/v1/generations', {
      ...generation({}),
      headers: { host: `evil.example:${peel.port}`, 'content-type': 'application/json' },
    })
    expect(evil.status).toBe(403)
    expect(ErrorEnvelopeSchema.parse(JSON.parse(evil.body)).error.message).toMatch(
      /PEEL_ALLOWED_HOSTS/
    )
    for (const host of [`localhost:${peel.port}`, `peel.local:${peel.port}`]) {
      expect((await send(peel, '/health', { headers: { host } })).status, host).toBe(200)
    }
  })
})
