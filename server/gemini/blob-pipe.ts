/**
 * @module
 * Keeps megabytes of base64 out of the SDK's JSON work and out of JS strings. Image data going to
 * Gemini is handed to the SDK as short placeholders and written between the request's JSON pieces
 * by this `fetch`; image data coming back is cut out of the reply bytes (or out of each streamed
 * event) as `Base64Bytes` before the SDK parses the rest. The SDK still builds the request, checks
 * the status and parses everything else, so its behaviour is unchanged; what goes is a
 * `JSON.stringify` and a `JSON.parse` of every image, and every megabyte-long string.
 */
import { randomUUID } from 'node:crypto'
import { cutSseBlobs } from '../http/cut-sse-blobs'
import { cutBlobBytes, restoreBlobs } from '../http/json-blobs'
import type { Base64Data } from '../images/base64-bytes'
import { bodyStream, readAll, send, toResponse } from './node-transport'

type Fetch = typeof globalThis.fetch

/** The header that tells the pipe's fetch which call a request belongs to; never sent upstream. */
const CALL_HEADER = 'x-peel-blob-call'
const PLACEHOLDER = /peel-blob-([0-9a-f]{32})-(\d+)/g

export interface BlobCall {
  /** Per-request SDK options that route this call through the pipe. */
  httpOptions: { headers: Record<string, string> }
  /** Stands in for `data` in what the SDK serialises. */
  put: (data: Base64Data) => string
  /** The data behind a placeholder found in the SDK's parsed reply, or the value itself. */
  resolve: (value: string) => Base64Data
  close: () => void
}

export class BlobPipe {
  private readonly calls = new Map<string, Base64Data[]>()

  open(): BlobCall {
    const id = randomUUID().replace(/-/g, '')
    const blobs: Base64Data[] = []
    this.calls.set(id, blobs)
    return {
      httpOptions: { headers: { [CALL_HEADER]: id } },
      put: (data) => `peel-blob-${id}-${String(blobs.push(data) - 1)}`,
      resolve: (value) => {
        if (!value.startsWith('peel-blob-')) return value
        const [, call, index] = /^peel-blob-([0-9a-f]{32})-(\d+)$/.exec(value) ?? []
        return call === id ? (blobs[Number(index)] ?? value) : value
      },
      close: () => {
        this.calls.delete(id)
      },
    }
  }

  readonly fetch: Fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const headers = new Headers(init?.headers)
    const id = headers.get(CALL_HEADER)
    headers.delete(CALL_HEADER)
    const blobs = id === null ? undefined : this.calls.get(id)
    const body = init?.body
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw new TypeError('The Gemini transport sends string bodies only.')
    }
    const pieces =
      body === undefined || body === null
        ? []
        : id === null || blobs === undefined
          ? [Buffer.from(body, 'utf8')]
          : splice(body, id, blobs)
    const reply = await send(url, {
      method: init?.method ?? 'GET',
      headers,
      body: pieces,
      signal: init?.signal,
    })
    if (reply.status < 200 || reply.status > 299 || blobs === undefined) return toResponse(reply)
    const put = (data: Base64Data) => `peel-blob-${id ?? ''}-${String(blobs.push(data) - 1)}`
    if (url.includes(':streamGenerateContent')) {
      return toResponse(reply, cutSseBlobs(bodyStream(reply), put))
    }
    return toResponse(reply, cutBlobBytes(await readAll(reply.body), put))
  }
}

/** The request body as pieces: the JSON between placeholders, and each placeholder's data. */
function splice(body: string, id: string, blobs: readonly Base64Data[]): Buffer[] {
  const pieces: Buffer[] = []
  let last = 0
  for (const match of body.matchAll(PLACEHOLDER)) {
    const data = match[1] === id ? blobs[Number(match[2])] : undefined
    if (data === undefined) continue
    pieces.push(
      Buffer.from(body.slice(last, match.index), 'utf8'),
      ...(typeof data === 'string' ? [Buffer.from(data, 'latin1')] : data.parts)
    )
    last = match.index + match[0].length
  }
  pieces.push(Buffer.from(body.slice(last), 'utf8'))
  return pieces
}

/** Puts stashed data back into the SDK's parsed reply, in place. */
export function restoreReplyBlobs(value: unknown, call: BlobCall): void {
  restoreBlobs(value, call.resolve)
}
