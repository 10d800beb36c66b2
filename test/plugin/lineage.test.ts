import { describe, expect, it } from 'vitest'

import {
  decodeLineage,
  encodeLineage,
  LINEAGE_MAX_BYTES,
  type LineageEntry,
  LineageTooLargeError,
  PROMPT_CUT_MARKER,
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
    // Still the version 1 form with the whole chain, which every earlier Peel reads.
    const stored = JSON.parse(text) as { v: number; next: object }
    expect(stored.v).toBe(1)
    expect('chain' in stored.next).toBe(true)
    const decoded = decodeLineage(text)
    if (!decoded.ok) throw new Error('expected a valid entry')
    expect(decoded.entry.next.chain.at(-1)).toBe(chain[9])
    expect(
      decoded.entry.next.chain[0]?.startsWith(String(10 - decoded.entry.next.chain.length))
    ).toBe(true)
    expect(decoded.entry.next.omitted).toBe(2 + 10 - decoded.entry.next.chain.length)
  })

  it('counts multi-byte characters as UTF-8 bytes, cutting a prompt too long to keep', () => {
    const prompt = '🍌'.repeat(30_000) // 4 bytes each: 120 kB
    const text = encodeLineage(entry({ prompt, next: { chain: [prompt], omitted: 0 } }))
    expect(utf8Length(text)).toBeLessThanOrEqual(LINEAGE_MAX_BYTES)
    const decoded = decodeLineage(text)
    if (!decoded.ok) throw new Error('expected a valid entry')
    expect(decoded.entry.prompt.endsWith(PROMPT_CUT_MARKER)).toBe(true)
    // Whole bananas only: a cut through a surrogate pair would write an invalid character.
    const kept = decoded.entry.prompt.slice(0, -PROMPT_CUT_MARKER.length)
    expect(kept).toBe('🍌'.repeat(kept.length / 2))
    expect(kept.length).toBeGreaterThan(40_000)
    expect(decoded.entry.next.chain).toEqual([decoded.entry.prompt])
  })

  it('stores a long prompt once, and older Peel entries in full still read', () => {
    const prompt = '山'.repeat(20_000) // 3 bytes each: 60 kB, twice would be 120 kB
    const long = entry({ prompt, next: { chain: ['Earlier', prompt], omitted: 0 } })
    const text = encodeLineage(long)
    // Version 2, so a Peel that predates this form says "made by a newer Peel", not "damaged".
    expect(JSON.parse(text)).toMatchObject({ v: 2, next: { earlier: ['Earlier'], omitted: 0 } })
    expect(decodeLineage(text)).toEqual({ ok: true, entry: long })
    // Small entries keep the full chain, the form every Peel reads.
    expect(JSON.parse(encodeLineage(entry()))).toMatchObject({ next: { chain: ['A red bicycle'] } })
    expect(decodeLineage(JSON.stringify(entry()))).toEqual({ ok: true, entry: entry() })
  })

  it('cuts a prompt whose JSON escapes outgrow the limit, and keeps the rest', () => {
    const prompt = '\u0001'.repeat(20_000) // 6 bytes each once escaped
    const decoded = decodeLineage(
      encodeLineage(entry({ prompt, next: { chain: [prompt], omitted: 0 } }))
    )
    if (!decoded.ok) throw new Error('expected a valid entry')
    const kept = decoded.entry.prompt.slice(0, -PROMPT_CUT_MARKER.length)
    expect(decoded.entry.prompt.endsWith(PROMPT_CUT_MARKER)).toBe(true)
    expect(kept).toBe('\u0001'.repeat(kept.length))
    expect(decoded.entry.sources).toEqual(entry().sources)
  })

  it('falls back to a minimal entry when the rest alone is over the limit', () => {
    const sources = Array.from({ length: 100 }, (_, i) => ({
      id: `1:${String(i)}`,
      name: '名'.repeat(500),
      role: 'subject' as const,
    }))
    const text = encodeLineage(entry({ sources }))
    const decoded = decodeLineage(text)
    if (!decoded.ok) throw new Error('expected a valid entry')
    expect(decoded.entry).toMatchObject({ prompt: 'A red bicycle', sources: [] })
    expect(decoded.entry.next.chain).toEqual(['A red bicycle'])
  })

  it('throws only when not even a minimal entry fits', () => {
    expect(() => encodeLineage(entry({ generationId: 'g'.repeat(100_000) }))).toThrow(
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
    expect(decodeLineage(JSON.stringify({ ...entry(), v: 3 }))).toMatchObject({
      ok: false,
      reason: 'unsupported_version',
    })
    // Version 2 is only the compact form; a full chain marked 2 was not written by Peel.
    expect(decodeLineage(JSON.stringify({ ...entry(), v: 2 }))).toMatchObject({ ok: false })
  })
})
