import { describe, expect, it } from 'vitest'

import {
  decodeLineage,
  encodeLineage,
  LINEAGE_MAX_BYTES,
  type LineageEntry,
  LineageTooLargeError,
} from '../../protocol/lineage'
import { utf8Length } from '../../protocol/utf8-length'

function entry(overrides: Partial<LineageEntry> = {}): LineageEntry {
  return {
    v: 1,
    generationId: 'gen_1',
    requestId: 'req_1',
    prompt: 'A red bicycle',
    model: 'gemini-3.1-flash-image',
    options: { aspectRatio: '16:9', imageSize: '1K' },
    sources: [{ id: '1:2', name: 'Hero', role: 'subject' }],
    parent: null,
    createdAt: '2026-11-22T10:00:00.000Z',
    image: { width: 1376, height: 768, mimeType: 'image/png' },
    next: { chain: ['A red bicycle'], omitted: 0 },
    ...overrides,
  }
}

describe('lineage encoding', () => {
  it('round-trips an entry', () => {
    const original = entry({ parent: { nodeId: '1:9', generationId: 'gen_0' } })
    expect(decodeLineage(encodeLineage(original))).toEqual({ ok: true, entry: original })
  })

  it('holds no image bytes even if a caller slips them in', () => {
    const sneaky = { ...entry(), image: { ...entry().image, data: 'iVBORw0KGgo=' } }
    expect(encodeLineage(sneaky)).not.toContain('iVBOR')
  })

  it('drops the oldest prompts to stay under the limit, counting them', () => {
    const long = 'x'.repeat(15_000)
    const chain = Array.from({ length: 10 }, (_, i) => `${String(i)} ${long}`)
    const text = encodeLineage(entry({ prompt: chain[9] ?? '', next: { chain, omitted: 2 } }))
    expect(utf8Length(text)).toBeLessThanOrEqual(LINEAGE_MAX_BYTES)
    const decoded = decodeLineage(text)
    if (!decoded.ok) throw new Error('expected a valid entry')
    expect(decoded.entry.next.chain.at(-1)).toBe(chain[9])
    expect(
      decoded.entry.next.chain[0]?.startsWith(String(10 - decoded.entry.next.chain.length))
    ).toBe(true)
    expect(decoded.entry.next.omitted).toBe(2 + 10 - decoded.entry.next.chain.length)
  })

  it('counts multi-byte characters as UTF-8 bytes', () => {
    const prompt = '🍌'.repeat(30_000) // 4 bytes each: 120 kB
    expect(() => encodeLineage(entry({ prompt, next: { chain: [prompt], omitted: 0 } }))).toThrow(
      LineageTooLargeError
    )
  })

  it('rejects an entry that breaks the schema before writing it', () => {
    expect(() => encodeLineage(entry({ prompt: '' }))).toThrow()
  })
})

describe('lineage decoding', () => {
  it('reports a missing key, which Figma reads as ""', () => {
    expect(decodeLineage('')).toMatchObject({ ok: false, reason: 'missing' })
  })

  it('reports corrupt JSON and entries of the wrong shape with a next step', () => {
    const truncated = encodeLineage(entry()).slice(0, 40)
    const broken = decodeLineage(truncated)
    expect(broken).toMatchObject({ ok: false, reason: 'corrupt' })
    if (!broken.ok) expect(broken.message).toMatch(/Generate from it/)
    expect(decodeLineage(JSON.stringify({ ...entry(), createdAt: 'yesterday' }))).toMatchObject({
      ok: false,
      reason: 'corrupt',
    })
    expect(decodeLineage('null')).toMatchObject({ ok: false, reason: 'corrupt' })
  })

  it('asks for an update when a newer Peel wrote the entry', () => {
    expect(decodeLineage(JSON.stringify({ ...entry(), v: 2 }))).toMatchObject({
      ok: false,
      reason: 'unsupported_version',
    })
  })
})
