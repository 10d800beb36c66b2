import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PeelServer } from '../../server/start-peel-server'
import { startPeel } from '../helpers/start-peel'

let peel: PeelServer
beforeAll(async () => {
  peel = await startPeel({ bodyIdleMs: 3000 })
})
afterAll(() => peel.close())

const HEAD =
  'POST /v1/generations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
  'Transfer-Encoding: chunked\r\n\r\n'

function chunk(text: string): string {
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`
}

interface Upload {
  socket: Socket
  /** Resolves with what the server sent once it closed the socket. */
  ended: Promise<string>
}

function upload(): Upload {
  const socket = connect(peel.port, '127.0.0.1')
  let received = ''
  socket.setEncoding('latin1')
  socket.on('data', (data: string) => {
    received += data
  })
  const ended = new Promise<string>((resolve) => {
    socket.once('close', () => {
      resolve(received)
    })
  })
  socket.on('error', () => undefined)
  socket.write(HEAD + chunk('{"prompt":"a slow upload '))
  return { socket, ended }
}

describe('slow and stalled uploads', () => {
  it('leave an ordinary generation unhindered, and the stalled one is ended', async () => {
    // Eight uploads that trickle a byte every 200 ms for as long as the test runs.
    const slow = Array.from({ length: 8 }, upload)
    const trickle = setInterval(() => {
      for (const { socket } of slow) socket.write(chunk('x'))
    }, 200)
    // And one that sends its first bytes and then nothing.
    const stalled = upload()
    const stalledAt = Date.now()
    try {
      await new Promise((resolve) => setTimeout(resolve, 300))
      const started = Date.now()
      const res = await fetch(`${peel.url}/v1/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'an ordinary lemon' }),
        signal: AbortSignal.timeout(15_000),
      })
      expect(res.status).toBe(200)
      await res.json()
      expect(Date.now() - started).toBeLessThan(2000)
      const said = await Promise.race([
        stalled.ended,
        new Promise<string>((resolve) => setTimeout(resolve, 20_000, 'still open')),
      ])
      expect(said).toMatch(/^HTTP\/1\.1 408 /)
      expect(said).toContain('"code":"request_timeout"')
      expect(Date.now() - stalledAt).toBeLessThan(20_000)
    } finally {
      clearInterval(trickle)
      for (const { socket } of [...slow, stalled]) socket.destroy()
    }
  }, 30_000)
})
