import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { focusResult } from '../../plugin/handlers/focus-result'
import { listHistory } from '../../plugin/handlers/list-history'
import { placeResult } from '../../plugin/handlers/place-result'
import { LINEAGE_KEY } from '../../protocol/lineage'
import { FakeFigma } from '../fakes/fake-figma'

async function place(figma: FakeFigma, prompt: string): Promise<string> {
  const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } })
    .png()
    .toBuffer()
  const placed = await placeResult(figma.port, {
    image: { bytes: new Uint8Array(bytes), mimeType: 'image/png', width: 8, height: 8 },
    prompt,
    model: 'gemini-3.1-flash-image',
    options: {},
    requestId: 'r',
    generationId: `gen_${prompt}`,
    sources: [],
    conversation: {
      turn: { user: { parts: [] }, model: { parts: [] } },
      references: [],
      continued: false,
    },
  })
  // Distinct creation times without sleeping.
  vi.setSystemTime(Date.now() + 1000)
  return placed.nodeId
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('History', () => {
  it('finds results on every page, loading each, newest first, without conversations', async () => {
    const figma = new FakeFigma()
    const first = await place(figma, 'first')
    const other = figma.addPage('Explorations')
    await figma.setCurrentPageAsync(other)
    const second = await place(figma, 'second')
    await figma.setCurrentPageAsync(figma.root.children?.[0] as never)
    const damaged = figma.add('RECTANGLE', { name: 'Broken' })
    damaged.setPluginData(LINEAGE_KEY, '{"v":1')
    other.loaded = false

    const list = await listHistory(figma.port)
    expect(list.items.map((i) => [i.nodeId, i.pageName])).toEqual([
      [second, 'Explorations'],
      [first, 'Page 1'],
    ])
    expect(list.items.every((i) => !('conversation' in i.entry))).toBe(true)
    expect(list.notices).toEqual([
      '1 layer has damaged Peel history and is not listed. Generate from them to start a new history.',
    ])
  })

  it('selects and zooms to a result on another page, and explains a deleted one', async () => {
    const figma = new FakeFigma()
    const other = figma.addPage('Explorations')
    await figma.setCurrentPageAsync(other)
    const id = await place(figma, 'elsewhere')
    await figma.setCurrentPageAsync(figma.root.children?.[0] as never)
    await focusResult(figma.port, { nodeId: id })
    expect(figma.currentPage).toBe(other)
    expect(figma.currentPage.selection.map((n) => n.id)).toEqual([id])
    expect(figma.scrolledTo.at(-1)).toEqual([id])
    ;(await figma.getNodeByIdAsync(id))?.remove()
    await expect(focusResult(figma.port, { nodeId: id })).rejects.toThrow(/was deleted/)
    expect((await listHistory(figma.port)).items).toEqual([])
  })
})
