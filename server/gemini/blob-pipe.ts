/**
 * @module
 * Keeps megabytes of base64 out of the SDK's JSON work. Image data going to Gemini is handed to the
 * SDK as short placeholders and spliced into the request bytes by a custom `fetch`; image data
 * coming back is cut out of the reply bytes (or out of each streamed event) before the SDK parses
 * them. The SDK still builds the
 * request, checks the status and parses everything else, so its behaviour is unchanged; what goes
 * is one `JSON.stringify` and one `JSON.parse` of every image (about 4 and 3 ms per 600 kB on
 * Node 20), which is most of what a proxy adds to a generation.
 */
import { randomUUID } from 'node:crypto'
import { cutSseBlobs } from '../http/cut-sse-blobs'
import { cutBlobs, restoreBlobs } from '../http/json-blobs'

type Fetch = typeof globalThis.fetch

/** The header that tells the pipe's fetch which call a request belongs to; never sent upstream. */
const CALL_HEADER = 'x-peel-blob-call'
const PLACEHOLDER = /peel-blob-([0-9a-f]{32})-(\d+)/g

export interface BlobCall {
  /** Per-request SDK options that route this call through the pipe. */
  httpOptions: { headers: Record<string, string> }
  /** Stands in for `data` in what the SDK serialises. */
  put: (data: string) => string
  /** The data behind a placeholder found in the SDK's parsed reply, or the value itself. */
  resolve: (value: string) => string
  close: () => void
}

export class BlobPipe {
  private readonly calls = new Map<string, string[]>()

  constructor(private readonly upstreamFetch: Fetch = globalThis.fetch) {}

  open(): BlobCall {
    const id = randomUUID().replace(/-/g, '')
    const blobs: string[] = []
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
    const headers = new Headers(init?.headers)
    const id = headers.get(CALL_HEADER)
    headers.delete(CALL_HEADER)
    const blobs = id === null ? undefined : this.calls.get(id)
    if (id === null || blobs === undefined || typeof init?.body !== 'string') {
      return this.upstreamFetch(input, { ...init, headers })
    }
    const body = splice(init.body, id, blobs)
    const response = await this.upstreamFetch(input, { ...init, headers, body })
    if (!response.ok || response.body === null) return response
    const put = (data: string) => `peel-blob-${id}-${String(blobs.push(data) - 1)}`
    const url = input instanceof Request ? input.url : String(input)
    const cutBody = url.includes(':streamGenerateContent')
      ? cutSseBlobs(response.body, put)
      : Buffer.from(
          cutBlobs(Buffer.from(await response.arrayBuffer()).toString('latin1'), put),
          'latin1'
        )
    return new Response(cutBody, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}

/** The request body with each placeholder replaced by its data, as bytes. */
function splice(body: string, id: string, blobs: readonly string[]): Uint8Array<ArrayBuffer> {
  const chunks: Buffer[] = []
  let last = 0
  for (const match of body.matchAll(PLACEHOLDER)) {
    const data = match[1] === id ? blobs[Number(match[2])] : undefined
    if (data === undefined) continue
    chunks.push(Buffer.from(body.slice(last, match.index), 'utf8'), Buffer.from(data, 'latin1'))
    last = match.index + match[0].length
  }
  chunks.push(Buffer.from(body.slice(last), 'utf8'))
  return Buffer.concat(chunks)
}

/** Puts stashed data back into the SDK's parsed reply, in place. */
export function restoreReplyBlobs(value: unknown, call: BlobCall): void {
  restoreBlobs(value, call.resolve)
}
