import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cutSseBlobs } from '../../server/http/cut-sse-blobs'

const big = Buffer.alloc(9000, 5).toString('base64')
const events = [
  `data: ${JSON.stringify({ candidates: [{ content: { parts: [{ text: 'thinking', thought: true }] } }] })}\r\n\r\n`,
  `data: ${JSON.stringify({ candidates: [{ content: { parts: [{ inlineData: { mimeType: 'image/png', data: big } }] } }] })}\n\n`,
  `data: ${JSON.stringify({ candidates: [{ finishReason: 'STOP' }] })}\r\r`,
  'data: {"cut off',
]
const source = events.join('')

async function run(cuts: number[]): Promise<{ text: string; blobs: string[] }> {
  const bytes = Buffer.from(source, 'latin1')
  const points = [...new Set(cuts.map((cut) => cut % bytes.length))].sort((a, b) => a - b)
  const chunks = [0, ...points].map((start, i) => bytes.subarray(start, points[i] ?? bytes.length))
  const blobs: string[] = []
  const stream = cutSseBlobs(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) if (chunk.length > 0) controller.enqueue(new Uint8Array(chunk))
        controller.close()
      },
    }),
    (data) => `blob-${String(blobs.push(data.toString()) - 1)}`
  )
  const parts: string[] = []
  for await (const chunk of stream) parts.push(Buffer.from(chunk).toString('latin1'))
  return { text: parts.join(''), blobs }
}

describe('cutSseBlobs', () => {
  it('cuts the image out of its event however the stream is chunked, and keeps everything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        const { text, blobs } = await run(cuts)
        expect(blobs).toEqual([big])
        expect(text.length).toBeLessThan(source.length - 8000)
        expect(text.replace('blob-0', big)).toBe(source)
      }),
      { numRuns: 300 }
    )
  })
})
