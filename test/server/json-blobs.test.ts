import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJsonWithBlobs } from '../../server/http/json-blobs'

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'))
const base64 = (size: number, seed: number) => Buffer.alloc(size, seed).toString('base64')

describe('parseJsonWithBlobs', () => {
  it('gives exactly what JSON.parse gives, for bodies with big base64 data and awkward text', () => {
    const body = JSON.stringify({
      prompt: 'naïve 🍋 "data": "AAAA" \\ and a literal peel-blob-x-0',
      references: [
        { mimeType: 'image/png', data: base64(9000, 1) },
        { mimeType: 'image/png', data: base64(30, 2) },
        { data: base64(9000, 3) + '!' },
      ],
      history: [
        {
          role: 'model',
          parts: [{ inlineData: { data: base64(12_000, 4) }, thoughtSignature: 'c2ln' }],
        },
      ],
      data: base64(5000, 5),
    })
    expect(parseJsonWithBlobs(bytes(body))).toEqual(JSON.parse(body))
  })

  it('agrees with JSON.parse on arbitrary JSON with big blobs mixed in', () => {
    const blob = base64(6000, 9)
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, wrap) => {
        const body = JSON.stringify(wrap ? { data: blob, nested: [{ data: blob, value }] } : value)
        expect(parseJsonWithBlobs(bytes(body))).toEqual(JSON.parse(body))
      }),
      { numRuns: 300 }
    )
  })

  it('throws on invalid JSON, like JSON.parse', () => {
    expect(() => parseJsonWithBlobs(bytes(`{"data":"${base64(6000, 1)}"`))).toThrow()
    expect(() => parseJsonWithBlobs(bytes('{"prompt": '))).toThrow()
  })
})
