/**
 * @module
 * JSON with megabytes of base64 in it, handled without making the JSON parser or serialiser walk
 * the base64, and without turning it into strings: long `"data"` string values are found in the
 * raw bytes, checked, kept as views into those bytes (`Base64Bytes`) and replaced by short
 * placeholders; the small remainder is parsed, and the values are put back by reference.
 */
import { randomUUID } from 'node:crypto'
import { Base64Bytes } from '../images/base64-bytes'
import { Rope } from './rope'
import type { Base64Data } from '../images/base64-bytes'

// A JSON key `"data"`. Inside a JSON string a quote is escaped, so a match right after a backslash
// is skipped: at worst a real key after an escaped backslash (`"\\"` then `"data"`) is left in
// place, which only costs speed, never correctness.
const DATA_KEY = Buffer.from('"data"', 'latin1')
const BACKSLASH = 0x5c
const QUOTE = 0x22
const QUOTE_BYTE = Buffer.from('"', 'latin1')
const COLON = 0x3a
/** Smaller values are not worth cutting out. */
const MIN_BLOB = 4096

function skipSpace(bytes: Rope, at: number): number {
  let i = at
  for (
    let c = bytes.at(i);
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    c = bytes.at(++i)
  );
  return i
}

/**
 * The JSON bytes with each long, valid base64 `data` string value replaced by what `put` returns
 * for it (which must need no JSON escaping). The input may be the chunks a body arrived in; the
 * values handed to `put` are views into them. Values that are not valid base64 stay, for the
 * schema to reject with its own message; so does one whose key spans three or more chunks, which
 * only costs speed.
 */
export function cutBlobBytes(
  input: Buffer | readonly Buffer[],
  put: (data: Base64Bytes) => string
): Buffer {
  const bytes = new Rope(Buffer.isBuffer(input) ? [input] : input)
  const pieces: Buffer[] = []
  let last = 0
  for (let key = bytes.indexOf(DATA_KEY); key !== -1; key = bytes.indexOf(DATA_KEY, key + 1)) {
    if (bytes.at(key - 1) === BACKSLASH) continue
    const colon = skipSpace(bytes, key + DATA_KEY.length)
    if (bytes.at(colon) !== COLON) continue
    const open = skipSpace(bytes, colon + 1)
    if (bytes.at(open) !== QUOTE) continue
    const start = open + 1
    const end = bytes.indexOf(QUOTE_BYTE, start)
    if (end === -1) break
    if (end - start < MIN_BLOB) continue
    const data = Base64Bytes.check(bytes.slice(start, end))
    if (data === undefined) continue
    pieces.push(...bytes.slice(last, start), Buffer.from(put(data), 'latin1'))
    last = end
    key = end
  }
  if (pieces.length === 0 && bytes.parts.length === 1 && bytes.parts[0] !== undefined) {
    return bytes.parts[0]
  }
  pieces.push(...bytes.slice(last, bytes.length))
  return Buffer.concat(pieces)
}

/** Puts cut-out data back, in place, wherever a `data` string is one of `resolve`'s placeholders. */
export function restoreBlobs(value: unknown, resolve: (value: string) => Base64Data): void {
  if (Array.isArray(value)) {
    for (const item of value) restoreBlobs(item, resolve)
    return
  }
  if (value === null || typeof value !== 'object') return
  const record = value as Record<string, unknown>
  for (const [key, child] of Object.entries(record)) {
    if (key === 'data' && typeof child === 'string') record[key] = resolve(child)
    else restoreBlobs(child, resolve)
  }
}

/**
 * Parses JSON bytes, keeping long base64 `data` values out of `JSON.parse`: they come back as
 * `Base64Bytes` views into `bytes`, everything else exactly as `JSON.parse` makes it.
 */
export function parseJsonWithBlobs(bytes: Buffer | readonly Buffer[]): unknown {
  const blobs: Base64Bytes[] = []
  // A random tag per parse, so no client can write a placeholder that resolves.
  const tag = `peel-blob-${randomUUID()}-`
  const text = cutBlobBytes(bytes, (data) => `${tag}${String(blobs.push(data) - 1)}`)
  const value: unknown = JSON.parse(text.toString('utf8'))
  if (blobs.length === 0) return value
  restoreBlobs(value, (placeholder) =>
    placeholder.startsWith(tag)
      ? (blobs[Number(placeholder.slice(tag.length))] ?? placeholder)
      : placeholder
  )
  return value
}
