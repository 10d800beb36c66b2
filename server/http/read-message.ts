/**
 * @module
 * Reads a Node HTTP message (a request Peel serves, or a reply from Gemini) to its end, as the
 * chunks it arrived in, with a size limit checked while it arrives.
 */
import type { IncomingMessage } from 'node:http'

export type ReadOutcome =
  | { ok: true; chunks: Buffer[] }
  /** `too_large`: it passed `maxBytes` and was left unread; `gone`: it ended early. */
  | { ok: false; reason: 'too_large' | 'gone' }

export function readMessage(message: IncomingMessage, maxBytes: number): Promise<ReadOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (outcome: ReadOutcome) => {
      message.off('data', onData)
      message.off('end', onEnd)
      message.off('error', onGone)
      message.off('close', onGone)
      resolve(outcome)
    }
    // Node's parser never delivers more than a Content-Length, so only chunked bodies grow.
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) finish({ ok: false, reason: 'too_large' })
      else chunks.push(chunk)
    }
    const onEnd = () => {
      finish({ ok: true, chunks })
    }
    const onGone = () => {
      finish({ ok: false, reason: 'gone' })
    }
    if (message.readableEnded) onEnd()
    // Gone before we got here: its 'close' has been and gone, so no listener would ever fire.
    else if (message.destroyed || message.errored !== null) onGone()
    else {
      message.on('data', onData)
      message.on('end', onEnd)
      message.on('error', onGone)
      message.on('close', onGone)
    }
  })
}
