import { describe, expect, it } from 'vitest'
import { GenerateResponseSchema } from '../../protocol/api'
import type { GenerateResponse } from '../../protocol/api'
import { generationJson } from '../../server/routes/generation-json'

describe('generationJson', () => {
  it('writes exactly what JSON.stringify would mean, originals and text included', () => {
    const body: GenerateResponse = {
      id: 'gen_1',
      model: 'gemini-3.1-flash-image',
      images: [
        {
          mimeType: 'image/png',
          data: 'iVBORw0KGgo=',
          width: 4096,
          height: 2286,
          original: { mimeType: 'image/png', data: 'AAAA', width: 5504, height: 3072 },
        },
        { mimeType: 'image/jpeg', data: '/9j/', width: 10, height: 20 },
      ],
      text: 'Here is "your" image\n, naïve 🍋',
      finishReason: 'STOP',
      usage: { promptTokens: 1, outputTokens: 2, thoughtsTokens: 3, totalTokens: 6 },
      attempts: 2,
      turn: {
        user: { parts: [{ text: 'x' }, { image: { from: 'reference', index: 0 } }] },
        model: { parts: [{ image: { from: 'result', index: 0 }, thoughtSignature: 'c2ln' }] },
      },
    }
    const parsed: unknown = JSON.parse(generationJson(body).toString('utf8'))
    expect(parsed).toEqual(body)
    expect(GenerateResponseSchema.parse(parsed)).toEqual(body)
  })
})
