/**
 * @module
 * The streaming twin of `cutBlobs`: cuts long base64 `data` values out of each Server-Sent Event
 * before a client's SSE parser sees it. Whole events are passed on, so the parser's framing (and
 * its error for a cut-off last event) is unchanged.
 */
import type { Base64Bytes } from '../images/base64-bytes'
import { cutBlobBytes } from './json-blobs'

// The three event separators the SSE spec (and the Gemini SDK) accept.
const SEPARATORS = ['\r\n\r\n', '\n\n', '\r\r'].map((text) => Buffer.from(text, 'latin1'))
const OVERLAP = 3

function findSeparator(buffer: Buffer, from: number): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined
  for (const separator of SEPARATORS) {
    const at = buffer.indexOf(separator, from)
    if (at !== -1 && (best === undefined || at < best.at)) best = { at, length: separator.length }
  }
  return best
}

export function cutSseBlobs(
  body: ReadableStream<Uint8Array>,
  put: (data: Base64Bytes) => string
): ReadableStream<Uint8Array> {
  let pending: Buffer[] = []
  // The last bytes seen, so a separator split across two chunks is still found.
  let tail = Buffer.alloc(0)
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        while (data.length > 0) {
          const window = Buffer.concat([tail, data])
          const found = findSeparator(window, 0)
          if (found === undefined) {
            pending.push(data)
            tail = window.subarray(-OVERLAP)
            return
          }
          // A separator inside `tail` alone would have been found with the previous chunk, so
          // this one ends within `data`.
          const end = found.at + found.length - tail.length
          // The event's chunks as they came: its image is cut out without joining them first.
          controller.enqueue(cutBlobBytes([...pending, data.subarray(0, end)], put))
          pending = []
          tail = Buffer.alloc(0)
          data = data.subarray(end)
        }
      },
      flush(controller) {
        if (pending.length > 0) controller.enqueue(Buffer.concat(pending))
      },
    })
  )
}
