import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { readMessage } from '../../server/http/read-message'

function message(...chunks: (string | Buffer)[]): IncomingMessage {
  const incoming = new IncomingMessage(new Socket())
  for (const chunk of chunks) incoming.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return incoming
}

describe('readMessage', () => {
  it('gives the chunks as they arrived, uncopied', async () => {
    const sent = [Buffer.from('ab'), Buffer.from('cd')]
    const incoming = message(...sent)
    incoming.push(null)
    const read = await readMessage(incoming, 10)
    if (!read.ok) throw new Error('expected the message')
    expect(read.chunks).toHaveLength(2)
    // The very buffers pushed, not copies of them.
    expect(read.chunks[0]).toBe(sent[0])
    expect(read.chunks[1]).toBe(sent[1])
  })

  it('stops at the limit, and says so', async () => {
    const incoming = message('abcd', 'efgh')
    const read = readMessage(incoming, 6)
    expect(await read).toEqual({ ok: false, reason: 'too_large' })
  })

  it('says gone for a message that ends early, or had gone before it was read', async () => {
    const cut = message('ab')
    const reading = readMessage(cut, 10)
    cut.destroy()
    expect(await reading).toEqual({ ok: false, reason: 'gone' })
    const gone = message('ab')
    gone.destroy()
    await new Promise((resolve) => setImmediate(resolve))
    expect(await readMessage(gone, 10)).toEqual({ ok: false, reason: 'gone' })
  })
})
