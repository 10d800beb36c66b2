import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../server/logger'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import type { PeelServer } from '../../server/start-peel-server'
import { createTestApp, postJson } from '../helpers/create-test-app'
import { readSse } from '../helpers/read-sse'
import { startPeel } from '../helpers/start-peel'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

const sse = { accept: 'text/event-stream' }
const TOKEN = 'tok_stream_edges_0123456789'

function requestLines(logs: string[]): Record<string, unknown>[] {
  return logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'request')
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((done) => setTimeout(done, 10))
}

describe('streamed generations at their edges', () => {
  it('logs a failed stream with the outcome its client saw, as an error', async () => {
    const { app, logs } = createTestApp({ baseUrl: sim.url, retry: { attempts: 1 } })
    const res = await app.request('/v1/generations', postJson({ prompt: 'x [sim:500]' }, sse))
    expect(res.status).toBe(200)
    const events = await readSse(res)
    expect(events.at(-1)?.event).toBe('error')
    await until(() => requestLines(logs).length > 0)
    const [line] = requestLines(logs)
    expect(line).toMatchObject({ level: 'error', outcome: 'upstream_error', outcomeStatus: 502 })
  })

  it('logs a finished stream once it has ended, at info', async () => {
    const { app, logs } = createTestApp({ baseUrl: sim.url })
    const res = await app.request('/v1/generations', postJson({ prompt: 'a kite' }, sse))
    await readSse(res)
    await until(() => requestLines(logs).length > 0)
    const lines = requestLines(logs)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'info', status: 200 })
    expect(lines[0]).not.toHaveProperty('outcome')
  })

  it('names the generation in X-Generation-Id on a replayed stream too', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const init = () => postJson({ prompt: 'a red boat' }, { ...sse, 'idempotency-key': 'replay-1' })
    const first = await app.request('/v1/generations', init())
    const id = first.headers.get('x-generation-id')
    expect(id).toMatch(/^gen_/)
    await readSse(first)
    const again = await app.request('/v1/generations', init())
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.headers.get('x-generation-id')).toBe(id)
    const events = await readSse(again)
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toMatchObject({ id })
  })

  it('never logs an Idempotency-Key carried in a path that auth refused', async () => {
    const { app, logs } = createTestApp({ baseUrl: sim.url, tokens: [TOKEN] })
    const res = await app.request('/v1/generations/secret-key-4f9a', { method: 'DELETE' })
    expect(res.status).toBe(401)
    expect(logs.join('\n')).not.toContain('secret-key-4f9a')
    expect(requestLines(logs)[0]).toMatchObject({ path: '/v1/generations/:id', status: 401 })
  })
})

describe('a streamed generation over a real socket', () => {
  let peel: PeelServer
  const logs: string[] = []
  beforeAll(async () => {
    peel = await startPeel({ logger: createLogger({ write: (line) => logs.push(line) }) })
  })
  afterAll(() => peel.close())

  it('closes the connection after the stream when the request says Connection: close', async () => {
    const body = JSON.stringify({ prompt: 'a lighthouse', previews: false })
    const socket = connect(peel.port, '127.0.0.1')
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    const closed = new Promise<boolean>((resolve) => {
      socket.once('end', () => {
        resolve(true)
      })
      // Long enough for a simulated 1K image; a kept-alive socket stays open far past it.
      setTimeout(() => {
        resolve(false)
      }, 8000)
    })
    socket.write(
      'POST /v1/generations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' +
        'Accept: text/event-stream\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    )
    const ended = await closed
    socket.destroy()
    expect(received).toContain('event: result')
    expect(received.toLowerCase()).not.toContain('connection: keep-alive')
    expect(ended).toBe(true)
  })
})
