import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import createWabt from 'wabt'
import { describe, expect, it } from 'vitest'
import { alphabetOnly, isBase64Parts } from '../../server/images/base64-bytes'
import {
  BASE64_VALIDATOR_WASM,
  createSimdAlphabetCheck,
} from '../../server/images/base64-validator'

describe('the SIMD base64 check', () => {
  it('is exactly what base64-validator.wat assembles to', async () => {
    const wabt = await createWabt()
    const source = readFileSync(
      new URL('../../server/images/base64-validator.wat', import.meta.url),
      'utf8'
    )
    const module = wabt.parseWat('base64-validator.wat', source, { simd: true })
    const { buffer } = module.toBinary({})
    module.destroy()
    expect(Buffer.from(buffer).toString('base64')).toBe(BASE64_VALIDATOR_WASM)
  })

  it('agrees with the plain loop on every byte value, anywhere, across window edges', () => {
    const check = createSimdAlphabetCheck()
    expect(check).toBeDefined()
    if (check === undefined) return
    const alphabet = Buffer.from(
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
      'latin1'
    )
    const good = Buffer.alloc(1024 * 1024 + 100, alphabet)
    expect(check([good])).toBe(true)
    for (let value = 0; value < 256; value++) {
      // Positions at the start, mid-vector, the end of the first 1 MB window and the last byte.
      for (const at of [0, 17, 1024 * 1024 - 1, 1024 * 1024, good.length - 1]) {
        const copy = Buffer.from(good)
        copy[at] = value
        expect(check([copy])).toBe(alphabetOnly(copy))
      }
    }
  })

  it('agrees with the plain loop on arbitrary bytes of any length', () => {
    const check = createSimdAlphabetCheck()
    if (check === undefined) throw new Error('No WebAssembly SIMD here')
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(0, 0x41, 0x2b),
        (bytes, fill) => {
          const mostlyValid = Buffer.from(
            bytes.map((b) => (b % 3 === 0 ? fill || b : 0x61 + (b % 26)))
          )
          expect(check([mostlyValid])).toBe(alphabetOnly(mostlyValid))
        }
      ),
      { numRuns: 2000 }
    )
  })

  it('checks base64 held in many parts as if it were one buffer', () => {
    const text = Buffer.from(Buffer.alloc(9000, 5).toString('base64') + 'QQ==', 'latin1')
    fc.assert(
      fc.property(
        fc.array(fc.nat(text.length), { maxLength: 20 }),
        fc.option(fc.nat(text.length - 1)),
        fc.constantFrom(0x2d, 0x3d, 0x0a, 0xc3),
        (cuts, badAt, bad) => {
          const copy = Buffer.from(text)
          // '=' only counts as bad before the padding.
          const spoil = badAt !== null && !(bad === 0x3d && badAt >= text.length - 2)
          if (spoil) copy[badAt] = bad
          const points = [...new Set([0, ...cuts, copy.length])].sort((a, b) => a - b)
          const parts = points.slice(1).map((end, i) => copy.subarray(points[i], end))
          expect(isBase64Parts(parts)).toBe(!spoil)
        }
      ),
      { numRuns: 1000 }
    )
  })
})
