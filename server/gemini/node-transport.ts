/**
 * @module
 * The SDK's `fetch`, sent over Node's own HTTP client. Peel's upstream bodies are megabytes of
 * base64 in a few pieces; this writes those pieces to the socket as they are (one `writev`, no
 * copy), where the platform `fetch` copies a body into one buffer and again into its own, and
 * carries its web-stream machinery through every chunk of the reply.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { Readable } from 'node:stream'
import { readMessage } from '../http/read-message'

// Keep-alive, as the platform fetch does: Gemini calls come one after another from every user.
// An idle socket is closed after 4 s (as undici does), before a server closes it under a reuse.
const KEEP_ALIVE = { keepAlive: true, timeout: 4000 }
const agents = { 'http:': new HttpAgent(KEEP_ALIVE), 'https:': new HttpsAgent(KEEP_ALIVE) }

/** No image reply comes near this; a larger one is an upstream (or proxy) gone wrong. */
const MAX_REPLY_BYTES = 256 * 1024 * 1024

export interface UpstreamReply {
  status: number
  statusText: string
  headers: Headers
  /** The body as it arrives; read it to the end or destroy it. */
  body: IncomingMessage
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return headers
}

/** Sends one request; `body` pieces are written in order, with their total as Content-Length. */
export function send(
  url: string,
  init: {
    method: string
    headers: Headers
    body: readonly Uint8Array[]
    signal?: AbortSignal | null
  }
): Promise<UpstreamReply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:']
    const headers: OutgoingHttpHeaders = Object.fromEntries(init.headers)
    const length = init.body.reduce((sum, piece) => sum + piece.byteLength, 0)
    if (init.method !== 'GET' && init.method !== 'HEAD') headers['content-length'] = length
    const make = target.protocol === 'https:' ? httpsRequest : httpRequest
    const req = make(target, {
      method: init.method,
      headers,
      agent,
      signal: init.signal ?? undefined,
    })
    req.once('error', reject)
    req.once('response', (res) => {
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: toHeaders(res),
        body: res,
      })
    })
    req.cork()
    for (const piece of init.body) req.write(piece)
    req.end()
    req.uncork()
  })
}

/** The whole body, as the chunks it arrived in. */
export async function readAll(body: IncomingMessage): Promise<Buffer[]> {
  const read =
    Number(body.headers['content-length']) > MAX_REPLY_BYTES
      ? ({ ok: false, reason: 'too_large' } as const)
      : await readMessage(body, MAX_REPLY_BYTES)
  if (read.ok) return read.chunks
  body.destroy()
  throw new Error(
    read.reason === 'too_large'
      ? `The upstream reply is larger than ${String(MAX_REPLY_BYTES)} bytes.`
      : 'The upstream reply was cut off.'
  )
}

/** `reply`'s body as a web stream. */
export function bodyStream(reply: UpstreamReply): ReadableStream<Uint8Array> {
  return Readable.toWeb(reply.body) as ReadableStream<Uint8Array>
}

/** A fetch `Response` over the rest of `reply`'s body, for the SDK to read as it likes. */
export function toResponse(
  reply: UpstreamReply,
  body?: Uint8Array | ReadableStream<Uint8Array>
): Response {
  const stream = body ?? bodyStream(reply)
  const empty = reply.status === 204 || reply.status === 304
  return new Response(empty ? null : stream, {
    status: reply.status,
    statusText: reply.statusText,
    headers: reply.headers,
  })
}
