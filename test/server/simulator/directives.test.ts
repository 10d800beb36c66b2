import type { GenerateContentResponse } from '@google/genai'
import { ApiError } from '@google/genai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { startSimulator } from '../../../server/simulator/start-simulator'
import type { WireError } from './simulator-helpers'
import { finalImage, partsOf, postRaw, promptBody, sdkFor } from './simulator-helpers'

const MODEL = 'gemini-3.1-flash-image'

describe('simulator fault directives', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator({ hangMs: 200 })
  })
  afterAll(async () => {
    await sim.close()
  })

  function generate(prompt: string, abortSignal?: AbortSignal) {
    return sdkFor(sim).models.generateContent({
      model: MODEL,
      contents: prompt,
      config: { responseModalities: ['IMAGE'], abortSignal },
    })
  }

  async function apiError(promise: Promise<unknown>): Promise<ApiError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }

  it('[sim:429] answers RESOURCE_EXHAUSTED with quota and retry details', async () => {
    const error = await apiError(generate('a cat [sim:429]'))
    expect(error.status).toBe(429)
    const body = JSON.parse(error.message) as WireError
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED')
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [
            expect.objectContaining({ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }),
          ],
        }),
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' },
      ])
    )
  })

  it('[sim:503] and [sim:500] answer with Google’s wording', async () => {
    const overloaded = await apiError(generate('a cat [sim:503]'))
    expect(overloaded.status).toBe(503)
    expect(overloaded.message).toContain('The model is overloaded. Please try again later.')
    const internal = await apiError(generate('a cat [sim:500]'))
    expect(internal.status).toBe(500)
    expect(JSON.parse(internal.message)).toMatchObject({ error: { status: 'INTERNAL' } })
  })

  it('[sim:timeout] holds the request for hangMs, then answers 504', async () => {
    const started = performance.now()
    const error = await apiError(generate('a cat [sim:timeout]'))
    expect(error.status).toBe(504)
    expect(JSON.parse(error.message)).toMatchObject({ error: { status: 'DEADLINE_EXCEEDED' } })
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
  })

  it('[sim:malformed] sends image data that is not a string', async () => {
    const response = await generate('a cat [sim:malformed]')
    expect(typeof partsOf(response)[0]?.inlineData?.data).not.toBe('string')
  })

  it('[sim:malformed] cuts a stream off mid-JSON', async () => {
    const reply = await postRaw(sim, MODEL, promptBody('a cat [sim:malformed]'), {
      method: 'streamGenerateContent',
    })
    expect(reply.text.endsWith('\r\n\r\n')).toBe(false)
    const stream = await sdkFor(sim).models.generateContentStream({
      model: MODEL,
      contents: 'a cat [sim:malformed]',
    })
    await expect(async () => {
      for await (const chunk of stream) expect(chunk).toBeDefined()
    }).rejects.toThrow(/Incomplete JSON segment/)
  })

  it('[sim:stream_error] fails a stream after its thoughts, and a unary call with 500', async () => {
    const stream = await sdkFor(sim).models.generateContentStream({
      model: MODEL,
      contents: 'a cat [sim:stream_error]',
    })
    const received: GenerateContentResponse[] = []
    const error = await apiError(
      (async () => {
        for await (const chunk of stream) received.push(chunk)
      })()
    )
    expect(error.status).toBe(503)
    expect(error.message).toMatch(/^got status: UNAVAILABLE\. /)
    expect(received.length).toBeGreaterThan(0)
    expect(received.flatMap(partsOf).every((p) => p.thought === true)).toBe(true)
    expect((await apiError(generate('a cat [sim:stream_error]'))).status).toBe(500)
  })

  it('[sim:image_safety] answers 200 with IMAGE_SAFETY and no image', async () => {
    const response = await generate('a cat [sim:image_safety]')
    expect(response.candidates?.[0]?.finishReason).toBe('IMAGE_SAFETY')
    expect(partsOf(response)).toEqual([])
    const raw = await postRaw(sim, MODEL, promptBody('a cat [sim:image_safety]'))
    // The SDK drops finishMessage in Gemini-API mode, so it is checked on the wire.
    const wire = raw.json() as { candidates: { finishMessage?: string; content?: unknown }[] }
    expect(wire.candidates[0]?.finishMessage).toMatch(/^Unable to show the generated image/)
    expect(wire.candidates[0]?.content).toBeUndefined()
  })

  it('[sim:no_image] answers 200 with NO_IMAGE and only text', async () => {
    const response = await generate('a cat [sim:no_image]')
    expect(response.candidates?.[0]?.finishReason).toBe('NO_IMAGE')
    expect(partsOf(response).every((p) => p.inlineData === undefined)).toBe(true)
  })

  it('[sim:blocked_prompt] answers 200 with no candidates and a block reason', async () => {
    const response = await generate('a cat [sim:blocked_prompt]')
    expect(response.candidates).toBeUndefined()
    expect(response.promptFeedback?.blockReason).toBe('SAFETY')
  })

  it('[sim:latency=MS] delays the reply', async () => {
    const started = performance.now()
    const response = await generate('a cat [sim:latency=300]')
    expect(performance.now() - started).toBeGreaterThanOrEqual(295)
    expect(finalImage(response).length).toBeGreaterThan(0)
  })

  it('[sim:fail_once=503] fails the first attempt only', async () => {
    const prompt = `a cat ${Math.random()} [sim:fail_once=503]`
    expect((await apiError(generate(prompt))).status).toBe(503)
    expect(finalImage(await generate(prompt)).length).toBeGreaterThan(0)
    expect(finalImage(await generate(prompt)).length).toBeGreaterThan(0)
  })

  it('rejects unknown directives', async () => {
    const error = await apiError(generate('a cat [sim:teapot]'))
    expect(error.status).toBe(400)
    expect(error.message).toContain('Unknown simulator directive [sim:teapot]')
  })
})

describe('simulator hanging requests', () => {
  it('stops a [sim:timeout] the client aborts, and closes despite hung requests', async () => {
    const sim = await startSimulator({ hangMs: 60_000, latencyMs: 100 })
    const ai = sdkFor(sim)
    const controller = new AbortController()
    const aborted = ai.models.generateContent({
      model: MODEL,
      contents: 'a cat [sim:timeout]',
      config: { abortSignal: controller.signal },
    })
    setTimeout(() => {
      controller.abort()
    }, 150)
    const started = performance.now()
    await expect(aborted).rejects.toThrow(/abort/i)
    expect(performance.now() - started).toBeLessThan(2000)

    const hung = fetch(`${sim.url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify(promptBody('a cat [sim:timeout]')),
    }).then(
      () => 'answered',
      () => 'dropped'
    )
    await new Promise((resolve) => setTimeout(resolve, 150))
    const closing = performance.now()
    await sim.close()
    expect(performance.now() - closing).toBeLessThan(1000)
    expect(await hung).toBe('dropped')
  })

  it('adds latencyMs before every reply', async () => {
    const sim = await startSimulator({ latencyMs: 250 })
    try {
      const started = performance.now()
      const reply = await postRaw(sim, MODEL, promptBody('a cat [sim:blocked_prompt]'))
      expect(reply.status).toBe(200)
      expect(performance.now() - started).toBeGreaterThanOrEqual(245)
    } finally {
      await sim.close()
    }
  })
})
