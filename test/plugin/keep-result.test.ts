import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { keepResult } from '../../plugin/handlers/keep-result'
import { placeResult } from '../../plugin/handlers/place-result'
import { decodeLineage, LINEAGE_KEY } from '../../protocol/lineage'
import { FakeFigma } from '../fakes/fake-figma'

async function png(): Promise<Uint8Array> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: '#224488' } })
  return new Uint8Array(await image.png().toBuffer())
}

describe('variants in main', () => {
  it('places variants in a row and keeps one, removing only Peel results', async () => {
    const figma = new FakeFigma()
    const frame = figma.add('FRAME', { name: 'Card', x: 0, y: 0, width: 100, height: 100 })
    const base = {
      image: { bytes: await png(), mimeType: 'image/png', width: 64, height: 48 },
      prompt: 'Moods',
      model: 'gemini-3.1-flash-image',
      options: {},
      requestId: 'r',
      sources: [{ id: frame.id, name: 'Card', role: 'subject' as const }],
    }
    const first = await placeResult(figma.port, {
      ...base,
      generationId: 'g0',
      variant: { group: 'grp', index: 0, count: 2 },
    })
    const second = await placeResult(figma.port, {
      ...base,
      generationId: 'g1',
      anchorNodeId: first.nodeId,
      variant: { group: 'grp', index: 1, count: 2 },
    })
    expect([first.x, second.x, second.y]).toEqual([140, 140 + 64 + 40, 0])
    expect(second.name).toBe('Moods · v2')
    const node = await figma.getNodeByIdAsync(second.nodeId)
    const entry = decodeLineage(node?.getPluginData(LINEAGE_KEY) ?? '')
    expect(entry.ok && entry.entry.variant).toEqual({ group: 'grp', index: 1, count: 2 })

    const result = await keepResult(figma.port, {
      keep: second.nodeId,
      remove: [first.nodeId, frame.id],
    })
    // The designer's own frame is never removed, even when its id is passed.
    expect(result.removed).toEqual([first.nodeId])
    expect(await figma.getNodeByIdAsync(first.nodeId)).toBeNull()
    expect(await figma.getNodeByIdAsync(frame.id)).not.toBeNull()
    expect(figma.currentPage.selection.map((n) => n.id)).toEqual([second.nodeId])
  })
})
