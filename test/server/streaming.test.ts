import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import type { ErrorCode } from '../../protocol/errors'
import { GenerationEventSchemas, ProgressEventSchema } from '../../protocol/events'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'
import { decodedSize } from '../helpers/make-image'
import { readSse } from '../helpers/read-sse'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ hangMs: 60_000 })
})
afterAll(() => sim.close())

const sse = { accept: 'text/event-stream' }

describe('POST /v1/generations with Accept: text/event-stream', () => {
  it('streams progress, thoughts and downscaled previews, then the result', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'a glass teapot', model: 'gemini-3-pro-image', aspectRatio: '16:9' }, sse)
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = await readSse(res)
    for (const { event, data } of events) {
      expect(Object.keys(GenerationEventSchemas)).toContain(event)
      GenerationEventSchemas[event as keyof typeof GenerationEventSchemas].parse(JSON.parse(data))
    }
    const stages = events
      .filter((e) => e.event === 'progress')
      .map((e) => ProgressEventSchema.parse(JSON.parse(e.data)).stage)
    expect(stages).toEqual(['queued', 'sending', 'thinking', 'drafting', 'finishing'])
    const names = events.map((e) => e.event)
    expect(names.indexOf('thought')).toBeLessThan(names.indexOf('preview'))
    expect(names.at(-1)).toBe('result')
    const previews = events
      .filter((e) => e.event === 'preview')
      .map((e) => GenerationEventSchemas.preview.parse(JSON.parse(e.data)))
    expect(previews.length).toBeGreaterThanOrEqual(1)
    for (const preview of previews) {
      expect(preview.mimeType).toBe('image/jpeg')
      expect(Math.max(preview.width, preview.height)).toBeLessThanOrEqual(512)
      expect(await decodedSize(preview.data)).toEqual({
        width: preview.width,
        height: preview.height,
      })
    }
    const result = GenerationEventSchemas.result.parse(JSON.parse(events.at(-1)?.data ?? ''))
    expect(result.images).toHaveLength(1)
    expect(result.images[0]).toMatchObject({ width: 1376, height: 768 })
    const ids = new Set(
      events
        .filter((e) => e.event === 'progress')
        .map((e) => ProgressEventSchema.parse(JSON.parse(e.data)).id)
    )
    expect([...ids]).toEqual([result.id])
  })

  it('repeats progress as a heartbeat while Gemini is silent', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, sseHeartbeatMs: 100 })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'slow [sim:latency=700]', model: 'gemini-2.5-flash-image' }, sse)
    )
    const progress = (await readSse(res))
      .filter((e) => e.event === 'progress')
      .map((e) => ProgressEventSchema.parse(JSON.parse(e.data)))
    const beats = progress.filter((p) => p.stage === 'sending')
    expect(beats.length).toBeGreaterThanOrEqual(4)
    const elapsed = beats.map((p) => p.elapsedMs)
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b))
    expect(elapsed.at(-1)).toBeGreaterThanOrEqual(500)
  })

  const table: [string, ErrorCode][] = [
    ['[sim:image_safety]', 'content_blocked'],
    ['[sim:blocked_prompt]', 'content_blocked'],
    ['[sim:no_image]', 'upstream_error'],
    ['[sim:malformed]', 'upstream_error'],
    ['[sim:stream_error]', 'upstream_unavailable'],
    ['[sim:500]', 'upstream_error'],
    ['[sim:503]', 'upstream_unavailable'],
    ['[sim:429]', 'rate_limited'],
  ]
  it.each(table)('%s ends the stream with an error event (%s)', async (directive, code) => {
    const { app } = createTestApp({ baseUrl: sim.url, retry: { attempts: 2 } })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: `a kite ${directive}`, model: 'gemini-3-pro-image' }, sse)
    )
    expect(res.status).toBe(200)
    const events = await readSse(res)
    expect(events.at(-1)?.event).toBe('error')
    const envelope = ErrorEnvelopeSchema.parse(JSON.parse(events.at(-1)?.data ?? ''))
    expect(envelope.error.code).toBe(code)
    expect(envelope.error.requestId).toBe(res.headers.get('x-request-id'))
    expect(events.filter((e) => e.event === 'result')).toHaveLength(0)
  })

  it('still answers bad requests with a plain 400, before any stream opens', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request('/v1/generations', postJson({ prompt: '' }, sse))
    expect(res.status).toBe(400)
    expect(ErrorEnvelopeSchema.parse(await res.json()).error.code).toBe('invalid_request')
  })
})

describe('previews: false', () => {
  it('streams progress and the result without preview events', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request(
      '/v1/generations',
      postJson(
        { prompt: 'a quiet teapot', model: 'gemini-3-pro-image', previews: false },
        { accept: 'text/event-stream' }
      )
    )
    const names = (await readSse(res)).map((e) => e.event)
    expect(names).toContain('thought')
    expect(names).not.toContain('preview')
    expect(names.at(-1)).toBe('result')
  })
})
