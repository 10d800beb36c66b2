import { describe, expect, it } from 'vitest'

import type { GenerateResponse } from '../../protocol/api'
import { conversationOf, type PlaceContext } from '../../ui/generate/create-placer'

const image = { mimeType: 'image/png', data: 'AAAA', width: 4, height: 4 }
const reply = (images: GenerateResponse['images']): GenerateResponse => ({
  id: 'gen_1',
  model: 'gemini-3-pro-image',
  images,
  finishReason: 'STOP',
  usage: { promptTokens: 1, outputTokens: 1, thoughtsTokens: 0, totalTokens: 2 },
  attempts: 1,
  turn: {
    user: { parts: [{ text: 'hi' }] },
    model: { parts: [{ image: { from: 'result', index: 0 }, thoughtSignature: 'sig' }] },
  },
})
const context: PlaceContext = {
  prompt: 'hi',
  requestId: 'r',
  options: {},
  sources: [],
  identities: [{ nodeId: '1:2', fingerprint: 'abc' }],
  continued: true,
}

describe('what a result keeps of its exchange', () => {
  it('keeps the compact turns, reference identities and whether it continued', () => {
    expect(conversationOf(reply([image]), context)).toEqual({
      turn: reply([image]).turn,
      references: [{ nodeId: '1:2', fingerprint: 'abc' }],
      continued: true,
    })
  })

  it('keeps no turn when the node cannot hold the exact bytes Gemini made', () => {
    const scaled = { ...image, original: { ...image, width: 5000 } }
    expect(conversationOf(reply([scaled]), context)).toEqual({ broken: 'downscaled' })
    expect(conversationOf(reply([image, image]), context)).toEqual({ broken: 'several_images' })
  })
})
