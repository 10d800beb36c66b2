import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateResponseSchema } from '../../protocol/api'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import type { ErrorCode } from '../../protocol/errors'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'
import { decodedSize, makeImage } from '../helpers/make-image'

let sim: RunningSimulator
let red: string

beforeAll(async () => {
  sim = await startSimulator({ hangMs: 60_000 })
  red = await makeImage(320, 180, '#e02020')
})
afterAll(() => sim.close())

async function expectError(res: Response, status: number, code: ErrorCode) {
  expect(res.status).toBe(status)
  expect(res.headers.get('x-request-id')).toMatch(/.+/)
  const body = ErrorEnvelopeSchema.parse(await res.json())
  expect(body.error.code).toBe(code)
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'))
  // A sentence a designer can act on, not a dump.
  expect(body.error.message).toMatch(/^[A-Z].*\.( |$)/)
  expect(body.error.message).not.toMatch(/\{"error"|at .*\.ts:\d+/)
  return body.error
}

describe('POST /v1/generations (real SDK against the simulator over loopback)', () => {
  it('returns a placeable image at the published pixel size for text to image', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'a lemon on a desk', aspectRatio: '16:9' })
    )
    expect(res.status).toBe(200)
    const body = GenerateResponseSchema.parse(await res.json())
    expect(body.model).toBe('gemini-3.1-flash-image')
    expect(body.images).toHaveLength(1)
    const [image] = body.images
    expect(image).toMatchObject({ mimeType: 'image/png', width: 1376, height: 768 })
    expect(await decodedSize(image?.data ?? '')).toEqual({ width: 1376, height: 768 })
    expect(image?.original).toBeUndefined()
    expect(body.usage.outputTokens).toBe(1120)
    expect(body.finishReason).toBe('STOP')
  })

  it('never returns thought images, even from thinking 3-series models', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'a pear', model: 'gemini-3-pro-image' })
    )
    const body = GenerateResponseSchema.parse(await res.json())
    expect(body.images).toHaveLength(1)
    expect(body.images[0]).toMatchObject({ width: 1024, height: 1024 })
  })

  it('scales a 4K result to fit Figma and keeps the full-size original', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'a wide banner', aspectRatio: '16:9', imageSize: '4K' })
    )
    expect(res.status).toBe(200)
    const [image] = GenerateResponseSchema.parse(await res.json()).images
    expect(image).toMatchObject({ width: 4096, height: 2286 })
    expect(await decodedSize(image?.data ?? '')).toEqual({ width: 4096, height: 2286 })
    expect(image?.original).toMatchObject({ mimeType: 'image/png', width: 5504, height: 3072 })
    expect(await decodedSize(image?.original?.data ?? '')).toEqual({ width: 5504, height: 3072 })
  })

  it('sends a style reference to Gemini worded as a style reference, beside its image', async () => {
    const { app } = createTestApp({ baseUrl: sim.url })
    const blue = await makeImage(64, 64, '#2040e0', 'jpeg')
    const res = await app.request(
      '/v1/generations',
      postJson({
        prompt: 'a product card',
        references: [
          { mimeType: 'image/png', data: red, role: 'subject', name: 'Card' },
          { mimeType: 'image/jpeg', data: blue, role: 'style', name: 'Brand' },
        ],
      })
    )
    expect(res.status).toBe(200)
    const body = sim.requests.at(-1)?.body as {
      contents: { parts: { text?: string; inlineData?: { mimeType: string; data: string } }[] }[]
    }
    const parts = body.contents[0]?.parts ?? []
    const styleImage = parts.findIndex((part) => part.inlineData?.data === blue)
    expect(styleImage).toBeGreaterThan(0)
    expect(parts[styleImage - 1]?.text).toMatch(/Image 2 \("Brand"\) is a style reference/)
    expect(parts[styleImage - 1]?.text).toMatch(/not its subject/)
    const subjectImage = parts.findIndex((part) => part.inlineData?.data === red)
    expect(parts[subjectImage - 1]?.text).toMatch(/Image 1 \("Card"\) is a subject reference/)
    expect(parts.at(-1)?.text).toMatch(
      /^a product card\n\nRender the result in the visual style of image 2/
    )
    // No ratio given: Gemini matches the first input (320×180 → 16:9).
    const [image] = GenerateResponseSchema.parse(await res.json()).images
    expect(image).toMatchObject({ width: 1376, height: 768 })
  })
})

describe('POST /v1/generations: 400 invalid_request names each bad field', () => {
  const { app } = { app: createTestApp({ baseUrl: 'http://127.0.0.1:9' }).app }
  const cases: [string, unknown, string[]][] = [
    ['an empty prompt', { prompt: '   ' }, ['prompt']],
    ['a missing prompt', {}, ['prompt']],
    ['an unknown model', { prompt: 'x', model: 'gemini-9' }, ['model']],
    [
      'a ratio the model lacks',
      { prompt: 'x', model: 'gemini-3-pro-image', aspectRatio: '8:1' },
      ['aspectRatio'],
    ],
    [
      'a size the model lacks',
      { prompt: 'x', model: 'gemini-3-pro-image', imageSize: '512' },
      ['imageSize'],
    ],
    [
      'any size on 2.5 Flash',
      { prompt: 'x', model: 'gemini-2.5-flash-image', imageSize: '1K' },
      ['imageSize'],
    ],
    ['a lowercase size', { prompt: 'x', imageSize: '1k' }, ['imageSize']],
    [
      'an unsupported mime type',
      { prompt: 'x', references: [{ mimeType: 'image/gif', data: 'R0lGODlh' }] },
      ['references.0.mimeType'],
    ],
    [
      'bad base64',
      { prompt: 'x', references: [{ mimeType: 'image/png', data: 'not base64!' }] },
      ['references.0.data'],
    ],
    [
      'an unknown role',
      { prompt: 'x', references: [{ mimeType: 'image/png', data: 'AAAA', role: 'mood' }] },
      ['references.0.role'],
    ],
  ]
  it.each(cases)('rejects %s', async (_name, body, paths) => {
    const res = await app.request('/v1/generations', postJson(body))
    const error = await expectError(res, 400, 'invalid_request')
    expect(error.issues?.map((issue) => issue.path)).toEqual(paths)
  })

  it('rejects more references than the model takes, and bytes that are not the declared type', async () => {
    const refs = Array.from({ length: 4 }, () => ({ mimeType: 'image/png', data: red }))
    const tooMany = await app.request(
      '/v1/generations',
      postJson({ prompt: 'x', model: 'gemini-2.5-flash-image', references: refs })
    )
    const error = await expectError(tooMany, 400, 'invalid_request')
    expect(error.issues).toEqual([
      {
        path: 'references',
        message: expect.stringMatching(/at most 3 references; remove 1/) as string,
      },
    ])
    const mislabelled = await app.request(
      '/v1/generations',
      postJson({ prompt: 'x', references: [{ mimeType: 'image/jpeg', data: red }] })
    )
    const second = await expectError(mislabelled, 400, 'invalid_request')
    expect(second.issues?.[0]).toMatchObject({
      path: 'references.0.data',
      message: expect.stringMatching(/image\/png, not image\/jpeg/) as string,
    })
  })

  it('names each unknown top-level field instead of dropping it', async () => {
    const res = await app.request(
      '/v1/generations',
      postJson({ prompt: 'a kettle', aspect_ratio: '16:9', seed: 7 })
    )
    const error = await expectError(res, 400, 'invalid_request')
    expect(error.issues?.map((issue) => issue.path)).toEqual(['aspect_ratio', 'seed'])
    expect(error.message).toMatch(/Remove "aspect_ratio", "seed".*aspectRatio/)
  })

  it('rejects a body that is not JSON', async () => {
    const res = await app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt": ',
    })
    await expectError(res, 400, 'invalid_request')
    const plain = await app.request('/v1/generations', { method: 'POST', body: 'prompt=x' })
    expect((await expectError(plain, 415, 'unsupported_media_type')).message).toMatch(
      /application\/json/
    )
  })

  it('takes JSON types with parameters, and refuses types that only start like JSON', async () => {
    const body = JSON.stringify({ prompt: 'a plum' })
    for (const type of ['application/jsonp', 'application/json-seq', 'application/jsonx']) {
      const res = await app.request('/v1/generations', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      })
      await expectError(res, 415, 'unsupported_media_type')
    }
    // Past the type check, an empty object fails on its missing prompt.
    const typed = await app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{}',
    })
    const error = await expectError(typed, 400, 'invalid_request')
    expect(error.issues?.[0]?.path).toBe('prompt')
  })

  it('refuses a compressed body with a sentence, not "not valid JSON"', async () => {
    const res = await app.request('/v1/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ prompt: 'a plum' })),
    })
    const error = await expectError(res, 415, 'unsupported_media_type')
    expect(error.message).toMatch(/uncompressed/)
  })
})

describe('POST /v1/generations: upstream outcomes map to the error table', () => {
  const table: [string, number, ErrorCode, RegExp][] = [
    ['[sim:image_safety]', 422, 'content_blocked', /IMAGE_SAFETY/],
    ['[sim:blocked_prompt]', 422, 'content_blocked', /blocked the prompt \(SAFETY\)/],
    ['[sim:429]', 429, 'rate_limited', /rate-limiting/],
    ['[sim:no_image]', 502, 'upstream_error', /the model returned no image \(NO_IMAGE\)/i],
    ['[sim:500]', 502, 'upstream_error', /internal problem/],
    ['[sim:malformed]', 502, 'upstream_error', /could not read/],
    ['[sim:503]', 503, 'upstream_unavailable', /overloaded/],
  ]
  it.each(table)('%s → %i %s', async (directive, status, code, message) => {
    const { app, logs } = createTestApp({ baseUrl: sim.url })
    const res = await app.request('/v1/generations', postJson({ prompt: `a cat ${directive}` }))
    const error = await expectError(res, status, code)
    expect(error.message).toMatch(message)
    if (status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(logs.join('\n')).not.toMatch(/"details"|RetryInfo|QuotaFailure/)
  })

  it('[sim:timeout] → 504 upstream_timeout within the deadline', async () => {
    const { app } = createTestApp({ baseUrl: sim.url, timeoutMs: 400 })
    const started = performance.now()
    const res = await app.request('/v1/generations', postJson({ prompt: 'slow [sim:timeout]' }))
    await expectError(res, 504, 'upstream_timeout')
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('an unreachable Gemini → 503 upstream_unavailable', async () => {
    const { app } = createTestApp({ baseUrl: 'http://127.0.0.1:9' })
    const res = await app.request('/v1/generations', postJson({ prompt: 'hello' }))
    expect((await expectError(res, 503, 'upstream_unavailable')).message).toMatch(
      /could not reach Gemini/
    )
  })
})
