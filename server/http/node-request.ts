/**
 * @module
 * Reads a request straight from the Node objects @hono/node-server passes as `c.env`, where they
 * exist. Its fetch `Request` builds a full `Headers` on the first header read and a web stream for
 * the body, tens of microseconds and a copy per request that a proxy answering in about a
 * millisecond should not spend. Under `app.request()` (tests) there is no Node request, and the
 * fetch objects are used instead.
 */
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { ClientClosedError } from '../errors'
import { tooLarge } from '../on-error'
import { readMessage } from './read-message'

function incomingOf(c: Context): IncomingMessage | undefined {
  const env: unknown = c.env
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined
  const { incoming } = env
  return typeof incoming === 'object' && incoming !== null && 'headers' in incoming
    ? (incoming as IncomingMessage)
    : undefined
}

/** A request header by its lower-case name; repeats are joined as `Headers#get` joins them. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c)
  if (incoming === undefined) return c.req.header(name)
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * The whole body as the chunks it arrived in (never copied into one buffer), or a 413 as soon as
 * it is known to exceed `maxBytes`: at once from its Content-Length, or while a chunked body is
 * still arriving, so an oversized body is never buffered in full.
 */
export function readBody(c: Context, maxBytes: number): Promise<Buffer[]> {
  const declared = requestHeader(c, 'content-length')
  const length = declared === undefined ? undefined : Number(declared)
  if (length !== undefined && length > maxBytes) return Promise.reject(tooLarge(maxBytes))
  const incoming = incomingOf(c)
  if (incoming === undefined) return readStream(c.req.raw.body, maxBytes)
  return readIncoming(incoming, maxBytes)
}

async function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer[]> {
  const read = await readMessage(incoming, maxBytes)
  if (read.ok) return read.chunks
  if (read.reason === 'too_large') throw tooLarge(maxBytes)
  throw new ClientClosedError('The client left while sending its request.')
}

async function readStream(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number
): Promise<Buffer[]> {
  if (body === null) return []
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return chunks.map((chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
}
