import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { startSimulator } from '../../../server/simulator/start-simulator'
import type { WireError } from './simulator-helpers'
import { postRaw, promptBody, solidPng } from './simulator-helpers'

describe('simulator request rules', () => {
  let sim: RunningSimulator
  let tiny: string
  beforeAll(async () => {
    sim = await startSimulator()
    tiny = await solidPng('#808080', 8, 8)
  })
  afterAll(async () => {
    await sim.close()
  })

  function withImages(count: number, mimeType = 'image/png', data = tiny): unknown {
    const images = Array.from({ length: count }, () => ({ inlineData: { mimeType, data } }))
    return {
      contents: [{ role: 'user', parts: [{ text: 'combine these' }, ...images] }],
      generationConfig: { responseModalities: ['IMAGE'] },
    }
  }

  async function expect400(model: string, body: unknown, message: string | RegExp) {
    const reply = await postRaw(sim, model, body)
    expect(reply.status).toBe(400)
    expect(reply.contentType).toMatch(/^application\/json/)
    const { error } = reply.json() as WireError
    expect(error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' })
    expect(error.message).toMatch(message)
  }

  it('answers 404 NOT_FOUND for an unknown model', async () => {
    const reply = await postRaw(sim, 'gemini-9-ultra-image', promptBody('a cat'))
    expect(reply.status).toBe(404)
    expect(reply.json()).toEqual({
      error: {
        code: 404,
        message:
          'models/gemini-9-ultra-image is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.',
        status: 'NOT_FOUND',
      },
    })
  })

  it('limits input images per model', async () => {
    await expect400('gemini-2.5-flash-image', withImages(4), /at most 3 images/)
    expect((await postRaw(sim, 'gemini-2.5-flash-image', withImages(3))).status).toBe(200)
    await expect400('gemini-3.1-flash-image', withImages(15), /at most 14 images/)
  })

  it('checks image types and data', async () => {
    await expect400(
      'gemini-3-pro-image',
      withImages(1, 'image/gif'),
      'Unsupported MIME type: image/gif'
    )
    await expect400('gemini-3-pro-image', withImages(1, 'image/png', 'not base64!'), /Base64/)
    const text = Buffer.from('definitely not an image').toString('base64')
    await expect400(
      'gemini-3-pro-image',
      withImages(1, 'image/png', text),
      /Unable to process input image/
    )
  })

  it('rejects aspect ratios and sizes the model lacks', async () => {
    await expect400(
      'gemini-3-pro-image',
      promptBody('x', { aspectRatio: '4:1' }),
      /aspect_ratio must be one of/
    )
    await expect400(
      'gemini-3-pro-image',
      promptBody('x', { imageSize: '512' }),
      /image_size must be one of '1K', '2K', or '4K'/
    )
    await expect400('gemini-3.1-flash-image', promptBody('x', { imageSize: '1k' }), /image_size/)
    await expect400('gemini-2.5-flash-image', promptBody('x', { imageSize: '1K' }), /image_size/)
    const wide = await postRaw(
      sim,
      'gemini-3.1-flash-image',
      promptBody('x', { aspectRatio: '1:8' })
    )
    expect(wide.status).toBe(200)
  })

  it('rejects more than one candidate', async () => {
    const body = { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { candidateCount: 2 } }
    await expect400(
      'gemini-3.1-flash-image',
      body,
      'Multiple candidates is not enabled for models/gemini-3.1-flash-image'
    )
  })

  it('rejects malformed and misspelt bodies as Google does', async () => {
    await expect400('gemini-3.1-flash-image', '{"contents": [', /^Invalid JSON payload received/)
    const misspelt = {
      contents: [{ parts: [{ text: 'x' }] }],
      generationConfig: { imageConfig: { ratio: '1:1' } },
    }
    await expect400(
      'gemini-3.1-flash-image',
      misspelt,
      /Unknown name "ratio" at 'generation_config.image_config'/
    )
    await expect400('gemini-3.1-flash-image', { contents: [] }, /contents is not specified/)
    await expect400(
      'gemini-3.1-flash-image',
      { contents: [{ parts: [{}] }] },
      /required oneof field 'data'/
    )
  })

  it('accepts snake_case field names', async () => {
    const body = {
      contents: [
        {
          role: 'user',
          parts: [{ text: 'x' }, { inline_data: { mime_type: 'image/png', data: tiny } }],
        },
      ],
      generation_config: { response_modalities: ['IMAGE'], image_config: { aspect_ratio: '21:9' } },
    }
    expect((await postRaw(sim, 'gemini-3-pro-image', body)).status).toBe(200)
  })
})
