import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlobPipe, restoreReplyBlobs } from '../../server/gemini/blob-pipe'
import { Base64Bytes } from '../../server/images/base64-bytes'
import { listen } from '../../server/listen'
import type { Listening } from '../../server/listen'

// A real loopback server that records what arrived and answers with a big base64 `data` value, a
// small one, and text that merely mentions "data".
const big = Buffer.alloc(60_000, 7).toString('base64')
const reply = {
  candidates: [
    {
      content: {
        parts: [
          { text: 'The key is "data": "not-base64" and stays' },
          { inlineData: { mimeType: 'image/png', data: big } },
          { inlineData: { mimeType: 'image/png', data: 'c21hbGw=' } },
        ],
      },
    },
  ],
}
let server: Listening
let received: { body: string; headers: Record<string, string> } | undefined
beforeAll(async () => {
  const app = new Hono().post('/*', async (c) => {
    received = { body: await c.req.text(), headers: Object.fromEntries(c.req.raw.headers) }
    return c.json(reply)
  })
  server = await listen(app.fetch, 0, '127.0.0.1')
})
afterAll(() => server.close())

describe('BlobPipe', () => {
  it('splices data into the request and cuts it out of the reply, leaving the rest intact', async () => {
    const pipe = new BlobPipe()
    const call = pipe.open()
    const upload = Buffer.alloc(30_000, 3).toString('base64')
    const body = JSON.stringify({
      contents: [{ parts: [{ inlineData: { data: call.put(upload) } }, { text: 'naïve 🍋' }] }],
    })
    const res = await pipe.fetch(`${server.url}/v1beta/models/m:generateContent`, {
      method: 'POST',
      headers: { ...call.httpOptions.headers, 'content-type': 'application/json' },
      body,
    })
    expect(JSON.parse(received?.body ?? '')).toEqual({
      contents: [{ parts: [{ inlineData: { data: upload } }, { text: 'naïve 🍋' }] }],
    })
    expect(Object.keys(received?.headers ?? {})).not.toContain('x-peel-blob-call')
    const parsed: unknown = await res.json()
    const cut = JSON.stringify(parsed)
    expect(cut.length).toBeLessThan(2000)
    expect(cut).toContain('"data":"c21hbGw="')
    restoreReplyBlobs(parsed, call)
    // The image comes back as bytes (never a JS string); as JSON it is exactly what was sent.
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(reply)
    const parts = (parsed as typeof reply).candidates[0]?.content.parts
    expect(parts?.[1]?.inlineData?.data).toBeInstanceOf(Base64Bytes)
    call.close()
  })

  it('passes requests without a call, and other calls’ placeholders, through untouched', async () => {
    const pipe = new BlobPipe()
    const other = pipe.open()
    const placeholder = other.put(big)
    other.close()
    const res = await pipe.fetch(`${server.url}/v1beta/models/m:generateContent`, {
      method: 'POST',
      body: JSON.stringify({ data: placeholder }),
    })
    expect(JSON.parse(received?.body ?? '')).toEqual({ data: placeholder })
    expect(await res.json()).toEqual(reply)
  })
})
