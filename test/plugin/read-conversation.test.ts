import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { placeResult } from '../../plugin/handlers/place-result'
import { readConversation } from '../../plugin/handlers/read-conversation'
import type { CompactTurn } from '../../protocol/api'
import type { Conversation } from '../../protocol/lineage'
import type { PlaceResultParams } from '../../protocol/messages'
import { FakeFigma } from '../fakes/fake-figma'

async function png(color: string): Promise<Uint8Array> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
  return new Uint8Array(await image.png().toBuffer())
}

const user: CompactTurn = { parts: [{ text: 'a poster' }] }
const model: CompactTurn = {
  parts: [{ image: { from: 'result', index: 0 }, thoughtSignature: 'c2ln' }],
}
const kept = (continued: boolean): Conversation => ({
  turn: { user, model },
  references: [],
  continued,
})

async function place(
  figma: FakeFigma,
  id: string,
  over: Partial<PlaceResultParams> = {}
): Promise<string> {
  const placed = await placeResult(figma.port, {
    image: {
      bytes: await png(`#${id.repeat(6).slice(0, 6)}`),
      mimeType: 'image/png',
      width: 64,
      height: 48,
    },
    prompt: `step ${id}`,
    model: 'gemini-3-pro-image',
    options: {},
    requestId: `req_${id}`,
    generationId: `gen_${id}`,
    sources: [],
    conversation: kept(false),
    ...over,
  })
  return placed.nodeId
}

/** Three results, each continuing the one before. */
async function chain(figma: FakeFigma): Promise<string[]> {
  const a = await place(figma, '1')
  const b = await place(figma, '2', { parentNodeId: a, conversation: kept(true) })
  const c = await place(figma, '3', { parentNodeId: b, conversation: kept(true) })
  return [a, b, c]
}

describe('readConversation', () => {
  it('walks the parents oldest first, with the exact bytes of each fill', async () => {
    const figma = new FakeFigma()
    const ids = await chain(figma)
    const read = await readConversation(figma.port, { nodeId: ids[2] ?? '', bytes: true })
    if (!read.ok) throw new Error(read.message)
    expect(read.model).toBe('gemini-3-pro-image')
    expect(read.exchanges.map((e) => e.nodeId)).toEqual(ids)
    const first = read.exchanges[0]?.image?.bytes
    expect(first).toEqual(await png('#111111'))
    const light = await readConversation(figma.port, { nodeId: ids[2] ?? '', bytes: false })
    expect(light.ok && light.exchanges.every((e) => e.image === undefined)).toBe(true)
  })

  it('stops at a result that started its own conversation', async () => {
    const figma = new FakeFigma()
    const a = await place(figma, '1')
    const b = await place(figma, '2', { parentNodeId: a, conversation: kept(false) })
    const read = await readConversation(figma.port, { nodeId: b, bytes: false })
    expect(read.ok && read.exchanges.map((e) => e.nodeId)).toEqual([b])
  })

  it('breaks when a parent is deleted, saying what happens instead', async () => {
    const figma = new FakeFigma()
    const [a, , c] = await chain(figma)
    ;(await figma.getNodeByIdAsync(a ?? ''))?.remove()
    const read = await readConversation(figma.port, { nodeId: c ?? '', bytes: true })
    expect(read).toMatchObject({ ok: false, reason: 'parent_deleted' })
    expect(!read.ok && read.message).toMatch(/deleted.*single turn instead\.$/)
  })

  it('breaks when an image was replaced by hand', async () => {
    const figma = new FakeFigma()
    const [, b, c] = await chain(figma)
    const node = await figma.getNodeByIdAsync(b ?? '')
    const other = figma.createImage(await png('#00ff00'))
    if (node === null) throw new Error('gone')
    node.fills = [{ type: 'IMAGE', imageHash: other.hash, scaleMode: 'FILL' }]
    const read = await readConversation(figma.port, { nodeId: c ?? '', bytes: false })
    expect(read).toMatchObject({ ok: false, reason: 'edited' })
    expect(!read.ok && read.message).toMatch(/“step 2” was changed by hand/)
  })

  it('says why when the exchange was not kept: downscaled, too large, or never stored', async () => {
    const figma = new FakeFigma()
    const small = await place(figma, '1', { conversation: { broken: 'downscaled' } })
    const big = await place(figma, '2', { conversation: { broken: 'too_large' } })
    const old = await place(figma, '3', { conversation: undefined })
    const reasons = await Promise.all(
      [small, big, old].map((nodeId) => readConversation(figma.port, { nodeId, bytes: false }))
    )
    expect(reasons.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([
      'downscaled',
      'too_large',
      'not_kept',
    ])
  })

  it('drops a conversation that would not fit the 100 kB entry, and says so later', async () => {
    const figma = new FakeFigma()
    const huge: CompactTurn = {
      parts: [{ image: { from: 'result', index: 0 }, thoughtSignature: 'x'.repeat(120_000) }],
    }
    const id = await place(figma, '1', {
      conversation: { turn: { user, model: huge }, references: [], continued: false },
    })
    const read = await readConversation(figma.port, { nodeId: id, bytes: false })
    expect(read).toMatchObject({ ok: false, reason: 'too_large' })
  })
})
