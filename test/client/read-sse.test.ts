import { describe, expect, it } from 'vitest'

import { readSse } from '../../client/read-sse'

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
}

async function collect(chunks: string[]) {
  const events = []
  for await (const event of readSse(streamOf(chunks))) events.push(event)
  return events
}

describe('readSse', () => {
  it('reads named events across arbitrary chunk boundaries, CRLF included', async () => {
    const text =
      'event: progress\r\ndata: {"a":1}\r\n\r\n: heartbeat comment\n\nevent: result\ndata: {"b":2}\n\n'
    for (let cut = 1; cut < text.length; cut += 7) {
      expect(await collect([text.slice(0, cut), text.slice(cut)])).toEqual([
        { event: 'progress', data: '{"a":1}' },
        { event: 'result', data: '{"b":2}' },
      ])
    }
  })

  it('joins a multi-megabyte data line split into many chunks, and multi-line data', async () => {
    const big = 'x'.repeat(5_000_000)
    const chunks = ['event: result\ndata: ']
    for (let i = 0; i < big.length; i += 65_536) chunks.push(big.slice(i, i + 65_536))
    chunks.push('\n\ndata: one\ndata: two\n\n')
    const events = await collect(chunks)
    expect(events[0]?.data.length).toBe(5_000_000)
    expect(events[1]).toEqual({ event: 'message', data: 'one\ntwo' })
  })

  it('keeps a multi-byte character split between chunks intact', async () => {
    const bytes = new TextEncoder().encode('data: “é”\n\n')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8))
        controller.enqueue(bytes.slice(8))
        controller.close()
      },
    })
    const events = []
    for await (const event of readSse(stream)) events.push(event)
    expect(events).toEqual([{ event: 'message', data: '“é”' }])
  })

  it('drops an event the stream ended in the middle of', async () => {
    expect(await collect(['event: result\ndata: {"trunc'])).toEqual([])
  })
})
