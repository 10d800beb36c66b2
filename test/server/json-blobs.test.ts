import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJsonWithBlobs } from '../../server/http/json-blobs'
import { isBase64 } from '../../protocol/api'
import { Base64Bytes, isBase64Parts } from '../../server/images/base64-bytes'

const bytes = (text: string) => Buffer.from(text, 'utf8')
// Cut-out values come back as Base64Bytes; as JSON they are the strings JSON.parse makes.
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))
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
    const parsed = parseJsonWithBlobs(bytes(body)) as { references: { data: unknown }[] }
    expect(plain(parsed)).toEqual(JSON.parse(body))
    // Long valid base64 stays bytes; short or invalid values are ordinary strings.
    expect(parsed.references.map((r) => r.data instanceof Base64Bytes)).toEqual([
      true,
      false,
      false,
    ])
  })

  it('gives the same from the chunks a body arrived in, however it was cut', () => {
    const body = Buffer.from(
      JSON.stringify({
        prompt: 'naïve 🍋 \\"data\\": no',
        references: [
          { mimeType: 'image/png', data: base64(9000, 1) },
          { mimeType: 'image/png', data: base64(30, 2) },
          { data: base64(12_000, 3) },
        ],
      }),
      'utf8'
    )
    const expected = JSON.parse(body.toString('utf8')) as unknown
    fc.assert(
      fc.property(fc.array(fc.nat(body.length), { maxLength: 60 }), (cuts) => {
        const points = [...new Set([0, ...cuts, body.length])].sort((a, b) => a - b)
        const chunks = points.slice(1).map((end, i) => body.subarray(points[i], end))
        const parsed = parseJsonWithBlobs(chunks) as { references: { data: unknown }[] }
        expect(plain(parsed)).toEqual(expected)
      }),
      { numRuns: 500 }
    )
    // Cut into 64 kB-like pieces far longer than a key, every long value is found.
    const chunks = [0, 1000, 5000, 12_000, 20_000].map((start, i, all) =>
      body.subarray(start, all[i + 1] ?? body.length)
    )
    const parsed = parseJsonWithBlobs(chunks) as { references: { data: unknown }[] }
    expect(parsed.references.map((r) => r.data instanceof Base64Bytes)).toEqual([true, false, true])
  })

  it('agrees with JSON.parse on arbitrary JSON with big blobs mixed in', () => {
    const blob = base64(6000, 9)
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, wrap) => {
        const body = JSON.stringify(wrap ? { data: blob, nested: [{ data: blob, value }] } : value)
        expect(plain(parseJsonWithBlobs(bytes(body)))).toEqual(JSON.parse(body))
      }),
      { numRuns: 300 }
    )
  })

  it('leaves a value under a key that merely ends in an escaped quote and "data"', () => {
    const body = `{"\\"data": "${base64(6000, 2)}", "data": "${base64(6000, 3)}"}`
    const parsed = parseJsonWithBlobs(bytes(body)) as Record<string, unknown>
    expect(plain(parsed)).toEqual(JSON.parse(body))
    expect(typeof parsed['"data']).toBe('string')
    expect(parsed.data).toBeInstanceOf(Base64Bytes)
  })

  it('throws on invalid JSON, like JSON.parse', () => {
    expect(() => parseJsonWithBlobs(bytes(`{"data":"${base64(6000, 1)}"`))).toThrow()
    expect(() => parseJsonWithBlobs(bytes('{"prompt": '))).toThrow()
  })
})

describe('isBase64Parts', () => {
  const check = (text: string) => isBase64Parts([Buffer.from(text, 'latin1')])

  it('takes padded standard base64 and nothing else', () => {
    expect(check(Buffer.from('any carnal pleas').toString('base64'))).toBe(true)
    expect(check('QQ==')).toBe(true)
    expect(check('QUI=')).toBe(true)
    for (const bad of ['', 'QQ', 'Q===', 'QQ=A', 'QU-_', 'QU I', 'QUI\n', 'QU\u00e9=', '====']) {
      expect(check(bad), bad).toBe(false)
    }
  })

  it('agrees with the string check on arbitrary text, at any alignment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 64 }), fc.nat(3), (text, offset) => {
        // A view that starts at an odd address takes the byte-at-a-time path for its first byte.
        const padded = Buffer.concat([Buffer.alloc(offset, 0x41), Buffer.from(text, 'latin1')])
        const view = padded.subarray(offset)
        expect(isBase64Parts([view])).toBe(isBase64(text))
      }),
      { numRuns: 2000 }
    )
  })

  it('finds one bad byte anywhere in a long value, at any alignment', () => {
    const good = Buffer.from(Buffer.alloc(3000, 7).toString('base64'), 'latin1')
    fc.assert(
      fc.property(
        fc.nat(good.length - 3),
        fc.nat(1),
        fc.constantFrom(0x2d, 0x5f, 0x20, 0xc3, 0x3d),
        (at, offset, bad) => {
          const copy = Buffer.concat([Buffer.alloc(offset), good]).subarray(offset)
          expect(isBase64Parts([copy])).toBe(true)
          copy[at] = bad
          expect(isBase64Parts([copy])).toBe(false)
        }
      ),
      { numRuns: 1000 }
    )
  })
})
