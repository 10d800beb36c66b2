import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApiClient } from '../../client/api-client'
import type { StreamUpdate } from '../../client/generate-streaming'
import { startPeel } from '../helpers/start-peel'

type Peel = Awaited<ReturnType<typeof startPeel>>
let peel: Peel
let slow: Peel

beforeAll(async () => {
  peel = await startPeel({ tokens: ['tok-x7w2q5k3y9z0a1'] })
  slow = await startPeel({ tokens: ['tok-x7w2q5k3y9z0a1'], simulatorLatencyMs: 3000 })
})
afterAll(async () => {
  await peel.close()
  await slow.close()
})

/** A fetch that records each call and can cut the first streamed body after some bytes. */
function recordingFetch(cutFirstAfter?: number) {
  const calls: { method: string; url: string; key: string | null }[] = []
  let cut = cutFirstAfter !== undefined
  const doFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers)
    calls.push({
      method: init?.method ?? 'GET',
      url: input instanceof Request ? input.url : input.toString(),
      key: headers.get('idempotency-key'),
    })
    const response = await fetch(input, init)
    if (!cut || response.body === null || cutFirstAfter === undefined) return response
    cut = false
    let seen = 0
    const reader = response.body.getReader()
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await reader.read()
        if (done || seen > cutFirstAfter) {
          await reader.cancel()
          controller.error(new TypeError('network error'))
          return
        }
        seen += value.length
        controller.enqueue(value)
      },
    })
    return new Response(body, { status: response.status, headers: response.headers })
  }
  return { calls, doFetch }
}

const client = (url: string, doFetch: typeof fetch) =>
  createApiClient({ baseUrl: url, token: 'tok-x7w2q5k3y9z0a1', geminiKey: '', fetch: doFetch })

describe('streamed generation against a real Peel server', () => {
  it('reports stages, thoughts and previews, then the validated result', async () => {
    const { doFetch, calls } = recordingFetch()
    const updates: StreamUpdate[] = []
    const result = await client(peel.url, doFetch).generateStream(
      { prompt: 'a glass teapot', model: 'gemini-3-pro-image' },
      { onUpdate: (u) => updates.push(u) }
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.images[0]?.width).toBeGreaterThan(0)
    expect(updates.some((u) => u.kind === 'preview' && u.image.mimeType === 'image/jpeg')).toBe(
      true
    )
    expect(updates.some((u) => u.kind === 'thought')).toBe(true)
    expect(updates.filter((u) => u.kind === 'progress').map((u) => u.progress.stage)).toContain(
      'drafting'
    )
    expect(calls[0]?.key).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('reconnects a dropped stream with the same Idempotency-Key', async () => {
    const { doFetch, calls } = recordingFetch(10)
    const updates: StreamUpdate[] = []
    const result = await client(peel.url, doFetch).generateStream(
      { prompt: 'a red kite' },
      { onUpdate: (u) => updates.push(u), backoffMs: [50] }
    )
    expect(result.ok).toBe(true)
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST'])
    expect(calls[1]?.key).toBe(calls[0]?.key)
    expect(updates).toContainEqual({ kind: 'reconnecting', attempt: 2, of: 3 })
  })

  it('gives up after the bounded number of tries with a sentence', async () => {
    const doFetch: typeof fetch = () => Promise.reject(new TypeError('network error'))
    const result = await client(peel.url, doFetch).generateStream(
      { prompt: 'a red kite' },
      { backoffMs: [10, 10] }
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } })
    // No attempt ever got an answer: the server is unreachable, not dropping connections.
    if (!result.ok) expect(result.error.message).toMatch(/cannot reach the server/)
  })

  it('returns the server error event as a failure, without retrying', async () => {
    const { doFetch, calls } = recordingFetch()
    const result = await client(peel.url, doFetch).generateStream(
      { prompt: 'x [sim:image_safety]' },
      {}
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'content_blocked' } })
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1)
  })

  it('on cancel aborts and sends DELETE for the same key', async () => {
    const { doFetch, calls } = recordingFetch()
    const controller = new AbortController()
    setTimeout(() => {
      controller.abort()
    }, 500)
    const started = Date.now()
    const result = await client(slow.url, doFetch).generateStream(
      { prompt: 'slow' },
      { signal: controller.signal, idempotencyKey: 'cancel-me-1' }
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'aborted' } })
    expect(Date.now() - started).toBeLessThan(2500)
    await expect
      .poll(() => calls.find((c) => c.method === 'DELETE')?.url)
      .toBe(`${slow.url}/v1/generations/cancel-me-1`)
  })

  it('times out within the overall deadline', async () => {
    const { doFetch } = recordingFetch()
    const result = await client(slow.url, doFetch).generateStream(
      { prompt: 'slow' },
      { timeoutMs: 300 }
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } })
  })
})
