import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { startSimulator } from '../../../server/simulator/start-simulator'
import { postRaw, promptBody, sdkFor, solidPng } from './simulator-helpers'

interface WireReply {
  usageMetadata: Record<string, unknown>
  modelVersion: string
  responseId: string
}

describe('simulator keys, usage and recording', () => {
  let sim: RunningSimulator
  let tiny: string
  beforeAll(async () => {
    sim = await startSimulator()
    tiny = await solidPng('#808080', 8, 8)
  })
  afterAll(async () => {
    await sim.close()
  })

  function withImage(): unknown {
    return {
      contents: [
        {
          role: 'user',
          parts: [{ text: 'combine these' }, { inlineData: { mimeType: 'image/png', data: tiny } }],
        },
      ],
      generationConfig: { responseModalities: ['IMAGE'] },
    }
  }
  it('requires an API key, and only configured keys when given', async () => {
    const missing = await postRaw(sim, 'gemini-3.1-flash-image', promptBody('x'), { apiKey: null })
    expect(missing.status).toBe(403)
    expect(missing.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } })

    const locked = await startSimulator({ apiKeys: ['right-key'] })
    try {
      const wrong = await postRaw(locked, 'gemini-3.1-flash-image', promptBody('x'), {
        apiKey: 'wrong',
      })
      expect(wrong.status).toBe(400)
      expect(wrong.json()).toMatchObject({
        error: {
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
            },
          ],
        },
      })
      const right = await postRaw(
        locked,
        'gemini-3.1-flash-image',
        promptBody('x [sim:no_image]'),
        { apiKey: 'right-key' }
      )
      expect(right.status).toBe(200)
    } finally {
      await locked.close()
    }
  })

  it('reports usage with the published output tokens', async () => {
    const flash25 = (await postRaw(sim, 'gemini-2.5-flash-image', withImage())).json() as WireReply
    expect(flash25.usageMetadata).toMatchObject({
      candidatesTokenCount: 1290,
      promptTokenCount: 4 + 258,
    })
    expect(flash25.usageMetadata.thoughtsTokenCount).toBeUndefined()
    const oneK = (await postRaw(sim, 'gemini-3.1-flash-image', promptBody('x'))).json() as WireReply
    expect(oneK.usageMetadata).toMatchObject({ candidatesTokenCount: 1120, promptTokenCount: 1 })
    const { promptTokenCount, candidatesTokenCount, thoughtsTokenCount, totalTokenCount } =
      oneK.usageMetadata as Record<string, number>
    expect(thoughtsTokenCount).toBeGreaterThan(0)
    expect(totalTokenCount).toBe(
      (promptTokenCount ?? 0) + (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0)
    )
    const small = (
      await postRaw(sim, 'gemini-3.1-flash-image', promptBody('x', { imageSize: '512' }))
    ).json() as WireReply
    expect(small.usageMetadata.candidatesTokenCount).toBe(747)
    expect(small.modelVersion).toBe('gemini-3.1-flash-image')
    expect(small.responseId).toMatch(/^\S{8,}$/)
    expect(JSON.stringify(small)).not.toContain('continuationToken')
  })

  it('serves the v1 API version too', async () => {
    expect(
      (await postRaw(sim, 'gemini-2.5-flash-image', promptBody('x'), { version: 'v1' })).status
    ).toBe(200)
  })

  it('records requests, keeping only the last maxRecorded', async () => {
    const small = await startSimulator({ maxRecorded: 3 })
    try {
      for (const n of [1, 2, 3, 4, 5]) await postRaw(small, `missing-model-${n}`, promptBody('x'))
      await sdkFor(small, 'sdk-key').models.generateContent({
        model: 'gemini-3.1-flash-image',
        contents: 'hello [sim:blocked_prompt]',
      })
      expect(small.requests.map((r) => r.model)).toEqual([
        'missing-model-4',
        'missing-model-5',
        'gemini-3.1-flash-image',
      ])
      expect(small.requests.at(-1)).toMatchObject({
        method: 'generateContent',
        apiVersion: 'v1beta',
        apiKey: 'sdk-key',
        body: { contents: [{ role: 'user', parts: [{ text: 'hello [sim:blocked_prompt]' }] }] },
      })
    } finally {
      await small.close()
    }
  })
})
