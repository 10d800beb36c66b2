/**
 * @module
 * JSON with megabytes of base64 in it, handled without making the JSON parser or serialiser walk
 * the base64: long `"data"` string values are cut out of the raw text and replaced by short
 * placeholders, the small remainder is parsed, and the values are put back by reference. Base64
 * holds no character JSON escapes, so a cut-out value is exactly the string the parser would
 * have made.
 */
import { randomUUID } from 'node:crypto'
import { isBase64 } from '../../protocol/api'

// A JSON key `"data"` and the opening quote of its string value; an escaped `\"data\"` inside some
// other string cannot match, because its quotes are preceded by backslashes.
const DATA_VALUE = /"data"\s*:\s*"/g
/** Smaller strings are not worth cutting out. */
const MIN_BLOB = 4096

/**
 * `text` (one char per byte, as latin1 decodes it) with each long base64 `data` value replaced by
 * what `put` returns for it.
 */
export function cutBlobs(text: string, put: (data: string) => string): string {
  const pieces: string[] = []
  let last = 0
  for (const match of text.matchAll(DATA_VALUE)) {
    const start = match.index + match[0].length
    if (start < last) continue
    const end = text.indexOf('"', start)
    if (end === -1 || end - start < MIN_BLOB) continue
    const data = text.slice(start, end)
    if (!isBase64(data)) continue
    pieces.push(text.slice(last, start), put(data))
    last = end
  }
  pieces.push(text.slice(last))
  return pieces.join('')
}

/** Puts cut-out data back, in place, wherever a `data` string is one of `resolve`'s placeholders. */
export function restoreBlobs(value: unknown, resolve: (value: string) => string): void {
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

/** Parses JSON bytes, keeping long base64 `data` values out of `JSON.parse`. */
export function parseJsonWithBlobs(bytes: Uint8Array): unknown {
  const blobs: string[] = []
  // A random tag per parse, so no client can write a placeholder that resolves.
  const tag = `peel-blob-${randomUUID()}-`
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const text = cutBlobs(raw, (data) => `${tag}${String(blobs.push(data) - 1)}`)
  const value: unknown = JSON.parse(Buffer.from(text, 'latin1').toString('utf8'))
  restoreBlobs(value, (placeholder) =>
    placeholder.startsWith(tag)
      ? (blobs[Number(placeholder.slice(tag.length))] ?? placeholder)
      : placeholder
  )
  return value
}
