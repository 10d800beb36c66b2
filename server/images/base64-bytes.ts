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
const simdCheck = createSimdAlphabetCheck()
/** Below this, setting up the SIMD check costs more than the loop. */
const SIMD_FROM = 4096

/** True for padded standard base64, held as consecutive parts, with nothing else in it. */
export function isBase64Parts(parts: readonly Uint8Array[]): boolean {
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  if (length === 0 || length % 4 !== 0) return false
  const last = byteFromEnd(parts, 1)
  const padding = last === 0x3d ? (byteFromEnd(parts, 2) === 0x3d ? 2 : 1) : 0
  const body = withoutTail(parts, padding)
  if (simdCheck !== undefined && length >= SIMD_FROM) return simdCheck(body)
  return body.every(alphabetOnly)
}

// The byte `back` places from the end of parts (1 is the last), or undefined.
function byteFromEnd(parts: readonly Uint8Array[], back: number): number | undefined {
  let left = back
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] ?? new Uint8Array(0)
    if (left <= part.length) return part[part.length - left]
    left -= part.length
  }
  return undefined
}

// `parts` less their last `count` bytes, as views.
function withoutTail(parts: readonly Uint8Array[], count: number): Uint8Array[] {
  const kept = [...parts]
  let left = count
  while (left > 0 && kept.length > 0) {
    const part = kept.pop() ?? new Uint8Array(0)
    if (part.length > left) kept.push(part.subarray(0, part.length - left))
    left -= Math.min(left, part.length)
  }
  return kept
}

/**
 * The same check in plain JavaScript, for short values and platforms without WebAssembly SIMD.
 * Image data is always long enough for SIMD where it exists, so this stays simple.
 */
export function alphabetOnly(bytes: Uint8Array): boolean {
  let invalid = 0
  for (const byte of bytes) invalid |= INVALID[byte] ?? 1
  return invalid === 0
}

export class Base64Bytes {
  /** Characters of base64, as `string.length` would count them. */
  readonly length: number

  private constructor(
    /**
     * The base64 text as ASCII bytes, in order: often views into the chunks a body arrived in,
     * never copied.
     */
    readonly parts: readonly Buffer[]
  ) {
    this.length = parts.reduce((sum, part) => sum + part.length, 0)
  }

  /** `parts` when together they are valid base64, else `undefined`. */
  static check(parts: readonly Buffer[]): Base64Bytes | undefined {
    return isBase64Parts(parts) ? new Base64Bytes(parts) : undefined
  }

  /** The first `bytes` decoded bytes (or fewer, for a shorter image). */
  head(bytes: number): Buffer {
    const chars = Math.min(this.length, Math.ceil(bytes / 3) * 4)
    const text: string[] = []
    let left = chars
    for (const part of this.parts) {
      if (left <= 0) break
      text.push(part.toString('latin1', 0, Math.min(left, part.length)))
      left -= part.length
    }
    return Buffer.from(text.join(''), 'base64')
  }

  /** The base64 as a string: for JSON written by `JSON.stringify` and for logs of tests. */
  toString(): string {
    return Buffer.concat(this.parts).toString('latin1')
  }

  toJSON(): string {
    return this.toString()
  }
}

/** Image data as the server holds it: a string when small or when it came that way. */
export type Base64Data = string | Base64Bytes

/** All decoded bytes of image data; for the few paths that re-encode an image. */
export function decodeBase64(data: Base64Data): Buffer {
  return Buffer.from(typeof data === 'string' ? data : data.toString(), 'base64')
}

/** Image data in a request or a Gemini reply. Base64Bytes were checked when cut out. */
export const Base64DataSchema = z.custom<Base64Data>(
  (value) => value instanceof Base64Bytes || (typeof value === 'string' && isBase64(value)),
  { message: BASE64_MESSAGE }
)
