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
 * The whole body, or a 413 as soon as it is known to exceed `maxBytes`: at once from its
 * Content-Length, or while a chunked body is still arriving, so an oversized body is never
 * buffered in full. With a Content-Length the bytes are copied once, into a buffer of that size.
 */
export function readBody(c: Context, maxBytes: number): Promise<Buffer> {
  const declared = requestHeader(c, 'content-length')
  const length = declared === undefined ? undefined : Number(declared)
  if (length !== undefined && length > maxBytes) return Promise.reject(tooLarge(maxBytes))
  const incoming = incomingOf(c)
  if (incoming === undefined) return readStream(c.req.raw.body, maxBytes)
  const sized = length !== undefined && Number.isSafeInteger(length) && length >= 0
  return readIncoming(incoming, maxBytes, sized ? length : undefined)
}

function readIncoming(
  incoming: IncomingMessage,
  maxBytes: number,
  length: number | undefined
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const target = length === undefined ? undefined : Buffer.allocUnsafe(length)
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onGone)
      incoming.off('close', onGone)
    }
    const onData = (chunk: Buffer) => {
      // Node's parser never delivers more than the Content-Length, so only chunked bodies grow.
      if (size + chunk.length > (target?.length ?? maxBytes)) {
        cleanup()
        reject(tooLarge(maxBytes))
        return
      }
      if (target === undefined) chunks.push(chunk)
      else chunk.copy(target, size)
      size += chunk.length
    }
    const onEnd = () => {
      cleanup()
      if (target !== undefined && size !== target.length) {
        reject(new ClientClosedError('The client sent less than its Content-Length.'))
      } else resolve(target ?? Buffer.concat(chunks, size))
    }
    const onGone = () => {
      cleanup()
      reject(new ClientClosedError('The client left while sending its request.'))
    }
    if (incoming.readableEnded) {
      onEnd()
      return
    }
    // Gone before we got here: its 'close' has been and gone, so no listener would ever fire.
    if (incoming.destroyed || incoming.errored !== null) {
      onGone()
      return
    }
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onGone)
    incoming.on('close', onGone)
  })
}

async function readStream(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number
): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0)
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
  return Buffer.concat(chunks, size)
}
