import { describe, expect, it } from 'vitest'
import { GenerateRequestSchema, isBase64 } from '../../protocol/api'

describe('isBase64', () => {
  it('accepts padded standard base64 and rejects anything JSON would need to escape', () => {
    expect(isBase64(Buffer.from('hello world!').toString('base64'))).toBe(true)
    expect(isBase64('aGk=')).toBe(true)
    expect(isBase64('aGk')).toBe(false)
    expect(isBase64('')).toBe(false)
    expect(isBase64('aG"k')).toBe(false)
    expect(isBase64('aG\nk')).toBe(false)
    expect(isBase64('a=Gk')).toBe(false)
    expect(isBase64('aGk=aGk=')).toBe(false)
    expect(isBase64('aGk\u0141')).toBe(false)
    expect(isBase64('a-k_')).toBe(false)
  })
})

describe('GenerateRequestSchema', () => {
  it('trims the prompt and defaults references to subjects', () => {
    const parsed = GenerateRequestSchema.parse({
      prompt: '  a lemon  ',
      references: [{ mimeType: 'image/png', data: 'iVBORw0KGgo=' }],
    })
    expect(parsed.prompt).toBe('a lemon')
    expect(parsed.references[0]?.role).toBe('subject')
  })
})
