import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Rope } from '../../server/http/rope'

/** `bytes` cut at `cuts` into consecutive parts. */
function chunk(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])].sort(
    (a, b) => a - b
  )
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end))
}

describe('Rope', () => {
  it('reads, searches and slices like the one buffer it stands for', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.uint8Array({ minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.nat(),
        (raw, cuts, rawNeedle, a, b) => {
          // A small alphabet, so needles are found often, across seams too.
          const bytes = Buffer.from(raw.map((x) => 97 + (x % 3)))
          const needle = Buffer.from(rawNeedle.map((x) => 97 + (x % 3)))
          const rope = new Rope(chunk(bytes, cuts))
          expect(rope.length).toBe(bytes.length)
          const at = a % bytes.length
          expect(rope.at(at)).toBe(bytes[at])
          expect(rope.at(bytes.length)).toBeUndefined()
          const found = rope.indexOf(needle, at)
          const expected = bytes.indexOf(needle, at)
          // A match spanning three or more parts may be missed (a short part in the middle);
          // anything reported is a real match, and none is missed when parts are long enough.
          if (found !== -1) expect(bytes.subarray(found, found + needle.length)).toEqual(needle)
          if (found !== -1) expect(found).toBeGreaterThanOrEqual(expected)
          const parts = rope.parts.every((p) => p.length >= needle.length)
          if (parts) expect(found).toBe(expected)
          const [from, to] = [
            Math.min(a, b) % (bytes.length + 1),
            Math.max(a, b) % (bytes.length + 1),
          ]
          const start = Math.min(from, to)
          const end = Math.max(from, to)
          expect(Buffer.concat(rope.slice(start, end))).toEqual(bytes.subarray(start, end))
        }
      ),
      { numRuns: 3000 }
    )
  })
})
