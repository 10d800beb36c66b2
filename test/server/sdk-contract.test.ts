import { ApiError, GoogleGenAI } from '@google/genai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'

// Pins the @google/genai behaviour Peel relies on, so an SDK upgrade that changes it fails here
// rather than in production.
let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

describe('@google/genai 2.x over loopback', () => {
  it('calls v1beta with the key in x-goog-api-key and the config in generationConfig', async () => {
    const ai = new GoogleGenAI({ apiKey: 'pinned-key', httpOptions: { baseUrl: sim.url } })
    await ai.models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: 'a plum',
      config: {
        responseModalities: ['IMAGE'],
        imageConfig: { aspectRatio: '3:2', imageSize: '512' },
      },
    })
    const recorded = sim.requests.at(-1)
    expect(recorded).toMatchObject({
      model: 'gemini-3.1-flash-image',
      method: 'generateContent',
      apiVersion: 'v1beta',
      apiKey: 'pinned-key',
    })
    expect(recorded?.body).toMatchObject({
      generationConfig: {
        responseModalities: ['IMAGE'],
        imageConfig: { aspectRatio: '3:2', imageSize: '512' },
      },
    })
  })

  it('does not retry on its own, so retries stay a decision Peel makes', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: sim.url } })
    const before = sim.requests.length
    const call = () =>
      ai.models.generateContent({
        model: 'gemini-3-pro-image',
        contents: 'a fig [sim:fail_once=503]',
      })
    const failure = await call().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).status).toBe(503)
    expect(sim.requests.length - before).toBe(1)
    const reply = await call()
    expect(reply.candidates?.[0]?.finishReason).toBe('STOP')
  })

  it("puts Google's error body in ApiError.message, which Peel must never pass on", async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: sim.url } })
    const failure = (await ai.models
      .generateContent({ model: 'gemini-3-pro-image', contents: 'x [sim:429]' })
      .catch((error: unknown) => error)) as ApiError
    expect(failure.status).toBe(429)
    expect(JSON.parse(failure.message)).toMatchObject({
      error: { code: 429, status: 'RESOURCE_EXHAUSTED' },
    })
  })
})
