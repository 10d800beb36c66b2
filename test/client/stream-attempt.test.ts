import { afterEach, describe, expect, it, vi } from 'vitest'

import { nextStep } from '../../client/next-step'
import { generateStreaming } from '../../client/generate-streaming'
import { CONNECT_LIMIT_MS, IDLE_LIMIT_MS, type StreamContext } from '../../client/stream-attempt'
import { jsonResponse, reply, sseResponse } from './fake-replies'

/** A context whose fetch the test answers; POSTs are counted. */
function context(answer: (signal: AbortSignal) => Promise<Response>) {
  let posts = 0
  const ctx: StreamContext = {
    root: 'http://peel.test',
    headersFor: (accept) => ({ Accept: accept }),
    fetch: (_input, init) => {
      if (init?.method !== 'POST') return Promise.resolve(new Response(null, { status: 204 }))
      posts += 1
      return answer(init.signal ?? new AbortController().signal)
    },
  }
  return { ctx, posts: () => posts }
}

/** Answers after `ms` (fake) milliseconds, or rejects as fetch does when aborted first. */
function after(ms: number, signal: AbortSignal, make: () => Response): Promise<Response> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      resolve(make())
    }, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new DOMException('The operation was aborted.', 'AbortError'))
    })
  })
}

const request = { prompt: 'a kite' }
const result = () => sseResponse([['result', JSON.stringify(reply())]])

afterEach(() => {
  vi.useRealTimers()
})

describe('a plain JSON reply', () => {
  it('is the answer, not a dropped connection', async () => {
    const { ctx, posts } = context(() => Promise.resolve(jsonResponse(reply())))
    const outcome = await generateStreaming(ctx, request, { backoffMs: [1] })
    expect(outcome).toMatchObject({ ok: true, data: { id: 'gen-1' } })
    expect(posts()).toBe(1)
  })

  it('that does not match the protocol is a reply Peel cannot read, not retried', async () => {
    const { ctx, posts } = context(() => Promise.resolve(jsonResponse({ hello: 'proxy' })))
    const outcome = await generateStreaming(ctx, request, { backoffMs: [1] })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad_reply' } })
    expect(posts()).toBe(1)
  })

  it('with an error status is read as Peel’s error envelope', async () => {
    const envelope = {
      error: { code: 'rate_limited', message: 'Too many requests.', requestId: 'r1' },
    }
    const { ctx, posts } = context(() => Promise.resolve(jsonResponse(envelope, 429)))
    const outcome = await generateStreaming(ctx, request, { backoffMs: [1] })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    expect(posts()).toBe(1)
  })
})

describe('timing out a connection', () => {
  it('gives a slow upload longer than the idle limit before the headers arrive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { ctx, posts } = context((signal) => after(IDLE_LIMIT_MS + 5_000, signal, result))
    const pending = generateStreaming(ctx, request, { backoffMs: [1] })
    await vi.advanceTimersByTimeAsync(4 * CONNECT_LIMIT_MS)
    expect(await pending).toMatchObject({ ok: true })
    expect(posts()).toBe(1)
  })

  it('still cuts a stream that goes silent after the headers, and reconnects', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let first = true
    const { ctx, posts } = context((signal) => {
      if (!first) return Promise.resolve(result())
      first = false
      const silent = new ReadableStream<Uint8Array>({
        start(controller) {
          signal.addEventListener('abort', () => {
            controller.error(new DOMException('The operation was aborted.', 'AbortError'))
          })
        },
      })
      return Promise.resolve(
        new Response(silent, { headers: { 'content-type': 'text/event-stream' } })
      )
    })
    const pending = generateStreaming(ctx, request, { backoffMs: [1] })
    await vi.advanceTimersByTimeAsync(IDLE_LIMIT_MS + 1_000)
    expect(await pending).toMatchObject({ ok: true })
    expect(posts()).toBe(2)
  })

  it('says the server cannot be reached when no attempt got an answer', async () => {
    const { ctx, posts } = context(() => Promise.reject(new TypeError('fetch failed')))
    const outcome = await generateStreaming(ctx, request, { backoffMs: [1] })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'network' } })
    if (!outcome.ok) {
      expect(outcome.error.message).toMatch(/cannot reach the server at http:\/\/peel\.test\./)
      expect(outcome.error.message).not.toMatch(/dropped/)
      expect(nextStep(outcome.error.code)).toMatch(/address in Settings/)
    }
    expect(posts()).toBe(3)
  })

  it('gives up on a connection that never answers after the connect limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { ctx } = context((signal) => after(10 * CONNECT_LIMIT_MS, signal, result))
    const pending = generateStreaming(ctx, request, { backoffMs: [1], tries: 1 })
    await vi.advanceTimersByTimeAsync(CONNECT_LIMIT_MS + 1_000)
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'network', message: expect.stringMatching(/cannot reach/) as unknown },
    })
  })
})

describe('garbled events', () => {
  it('skips a progress, thought or preview that is not JSON', async () => {
    const { ctx } = context(() =>
      Promise.resolve(
        sseResponse([
          ['progress', '{"stage": "draf'],
          ['thought', 'not json'],
          ['preview', '{'],
          ['result', JSON.stringify(reply())],
        ])
      )
    )
    expect(await generateStreaming(ctx, request, {})).toMatchObject({ ok: true })
  })

  it('still rejects a result that is not JSON', async () => {
    const { ctx, posts } = context(() =>
      Promise.resolve(sseResponse([['result', '{"id": "gen-1", "ima']]))
    )
    const outcome = await generateStreaming(ctx, request, { backoffMs: [1] })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad_reply' } })
    expect(posts()).toBe(1)
  })
})
