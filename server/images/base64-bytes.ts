/**
 * @module
 * Base64 text kept as the ASCII bytes it arrived in. A JS string of a megabyte costs about a
 * millisecond to make (it is copied into V8's heap, or into malloc'd memory above 1 MB, and later
 * collected) and Node has no way to decode base64 from bytes without one, so image data that Peel
 * only passes on stays in this form from the request or reply body it was cut out of to the bytes
 * written to the socket. Only the few paths that re-encode an image (downscaling, previews) decode.
 */
import { z } from 'zod'
import { BASE64_MESSAGE, isBase64 } from '../../protocol/api'
import { createSimdAlphabetCheck } from './base64-validator'

// 0 for the 64 characters of the standard alphabet, 1 for everything else ('=' is checked apart).
const INVALID = new Uint8Array(256).fill(1)
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  INVALID[char.charCodeAt(0)] = 0
}
// The same for two bytes at once (64 kB): read as 16-bit units, a megabyte is checked in half the
// lookups, about 0.2 ms. Both byte orders give the same answer, so endianness does not matter.
const PAIR_INVALID = new Uint8Array(65536)
for (let pair = 0; pair < 65536; pair++) {
  PAIR_INVALID[pair] = (INVALID[pair & 0xff] ?? 1) | (INVALID[pair >> 8] ?? 1)
}

const simdCheck = createSimdAlphabetCheck()
/** Below this, setting up the SIMD check costs more than the loop. */
const SIMD_FROM = 4096

/** True for padded standard base64 bytes with nothing else in them. */
export function isBase64Bytes(bytes: Uint8Array): boolean {
  const length = bytes.length
  if (length === 0 || length % 4 !== 0) return false
  const padding = bytes[length - 1] === 0x3d ? (bytes[length - 2] === 0x3d ? 2 : 1) : 0
  const end = length - padding
  if (simdCheck !== undefined && end >= SIMD_FROM) return simdCheck(bytes.subarray(0, end))
  return alphabetOnly(bytes, end)
}

/** The same check in plain JavaScript, for short values and platforms without WebAssembly SIMD. */
export function alphabetOnly(bytes: Uint8Array, end: number): boolean {
  let invalid = 0
  // A 16-bit view must start on an even address.
  const first = bytes.byteOffset % 2
  for (let i = 0; i < first; i++) invalid |= INVALID[bytes[i] ?? 0] ?? 1
  const pairs = (end - first) >> 1
  const units = new Uint16Array(bytes.buffer, bytes.byteOffset + first, pairs)
  let p = 0
  for (const last = pairs & ~3; p < last; p += 4) {
    invalid |=
      (PAIR_INVALID[units[p] ?? 0] ?? 1) |
      (PAIR_INVALID[units[p + 1] ?? 0] ?? 1) |
      (PAIR_INVALID[units[p + 2] ?? 0] ?? 1) |
      (PAIR_INVALID[units[p + 3] ?? 0] ?? 1)
  }
  for (; p < pairs; p++) invalid |= PAIR_INVALID[units[p] ?? 0] ?? 1
  for (let i = first + pairs * 2; i < end; i++) invalid |= INVALID[bytes[i] ?? 0] ?? 1
  return invalid === 0
}

export class Base64Bytes {
  private constructor(
    /** The base64 text as ASCII bytes; often a view into a larger body, never copied. */
    readonly ascii: Buffer
  ) {}

  /** `ascii` when it is valid base64, else `undefined`. */
  static check(ascii: Buffer): Base64Bytes | undefined {
    return isBase64Bytes(ascii) ? new Base64Bytes(ascii) : undefined
  }

  /** Raw bytes (an image a codec made) as base64. */
  static encode(raw: Uint8Array): Base64Bytes {
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64')
    return new Base64Bytes(Buffer.from(text, 'latin1'))
  }

  /** Base64 text that is already a string (small values, or ones read back from storage). */
  static fromText(text: string): Base64Bytes | undefined {
    return isBase64(text) ? new Base64Bytes(Buffer.from(text, 'latin1')) : undefined
  }

  /** Characters of base64, as `string.length` would count them. */
  get length(): number {
    return this.ascii.length
  }

  /** The first `bytes` decoded bytes (or fewer, for a shorter image). */
  head(bytes: number): Buffer {
    const chars = Math.min(this.ascii.length, Math.ceil(bytes / 3) * 4)
    return Buffer.from(this.ascii.toString('latin1', 0, chars), 'base64')
  }

  /** All decoded bytes; for the paths that re-encode an image. */
  decode(): Buffer {
    return Buffer.from(this.ascii.toString('latin1'), 'base64')
  }

  /** The base64 as a string: for JSON written by `JSON.stringify` and for logs of tests. */
  toString(): string {
    return this.ascii.toString('latin1')
  }

  toJSON(): string {
    return this.toString()
  }
}

/** Image data as the server holds it: a string when small or when it came that way. */
export type Base64Data = string | Base64Bytes

/** Image data in a request or a Gemini reply. Base64Bytes were checked when cut out. */
export const Base64DataSchema = z.custom<Base64Data>(
  (value) => value instanceof Base64Bytes || (typeof value === 'string' && isBase64(value)),
  { message: BASE64_MESSAGE }
)
