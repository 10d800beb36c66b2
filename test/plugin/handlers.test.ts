import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { exportReferences } from '../../plugin/handlers/export-references'
import { focusIterateTarget } from '../../plugin/handlers/focus-iterate-target'
import { placeResult } from '../../plugin/handlers/place-result'
import { getSettings, saveSettings } from '../../plugin/handlers/settings'
import { PLACEMENT_GAP } from '../../plugin/layout/place-beside'
import { summarizeSelection } from '../../plugin/selection/summarize-selection'
import { LINEAGE_KEY } from '../../protocol/lineage'
import { SETTINGS_STORAGE_KEY } from '../../protocol/settings'
import { FakeFigma } from '../fakes/fake-figma'
import { lineageOf, nodeById, params, png, white } from './place-fixtures'
import { sharpEncoder } from '../fakes/sharp-encoder'

describe('selection summary', () => {
  it('picks Create, Edit and Iterate from the selection', async () => {
    const figma = new FakeFigma()
    const frame = figma.add('FRAME', { name: 'Card', fills: [white] })
    expect(summarizeSelection([]).mode).toBe('create')
    expect(summarizeSelection([frame as unknown as SceneNode]).mode).toBe('edit')
    const placed = await placeResult(figma.port, await params())
    const result = await nodeById(figma, placed.nodeId)
    const summary = summarizeSelection([result as unknown as SceneNode])
    expect(summary.mode).toBe('iterate')
    expect(summary.iterate?.entry.prompt).toBe('A lighthouse at dusk, painted in gouache')
    expect(summarizeSelection([result, frame] as unknown as SceneNode[]).mode).toBe('edit')
  })

  it('explains hidden and empty nodes, and a corrupt lineage', () => {
    const figma = new FakeFigma()
    const hidden = figma.add('FRAME', { name: 'Old', visible: false, fills: [white] })
    const parent = figma.add('FRAME', { name: 'Outer', visible: false, fills: [white] })
    const inHidden = figma.add('RECTANGLE', { name: 'Inner', fills: [white] }, parent)
    const empty = figma.add('FRAME', { name: 'Blank', fills: [] })
    const damaged = figma.add('RECTANGLE', { name: 'Result', fills: [white] })
    damaged.setPluginData(LINEAGE_KEY, '{"v":1,"prompt":')
    const nodes = summarizeSelection([hidden, inHidden, empty] as unknown as SceneNode[]).nodes
    expect(nodes.map((n) => n.problem)).toEqual(['hidden', 'hidden', 'empty'])
    expect(nodes[0]?.message).toMatch(/Show it or deselect it/)
    expect(nodes[2]?.message).toMatch(/nothing in it to send/)
    const summary = summarizeSelection([damaged] as unknown as SceneNode[])
    expect(summary.mode).toBe('edit')
    expect(summary.notices[0]).toMatch(/damaged/)
  })

  it('narrows an Iterate relaunch to the result', async () => {
    const figma = new FakeFigma()
    const frame = figma.add('FRAME', { fills: [white] })
    const placed = await placeResult(figma.port, await params())
    const result = await nodeById(figma, placed.nodeId)
    figma.currentPage.selection = [frame, result]
    focusIterateTarget(figma.port)
    expect(figma.currentPage.selection).toEqual([result])
  })
})

describe('exportReferences', () => {
  it('exports opaque frames as JPEG and transparent ones as PNG under the cap', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const opaque = figma.add('FRAME', { name: 'Opaque', width: 3000, height: 1000, fills: [white] })
    const round = figma.add('FRAME', {
      name: 'Round',
      width: 200,
      height: 200,
      fills: [white],
      cornerRadius: 16,
    })
    const { images, failures } = await exportReferences(figma.port, {
      nodeIds: [opaque.id, round.id],
      purpose: 'reference',
    })
    expect(failures).toEqual([])
    expect(images.map((i) => [i.mimeType, i.width, i.height])).toEqual([
      ['image/jpeg', 1536, 512],
      ['image/png', 400, 400],
    ])
    expect(figma.exports.map((e) => e.settings.constraint)).toEqual([
      { type: 'WIDTH', value: 1536 },
      { type: 'WIDTH', value: 400 },
    ])
    expect((await sharp(images[0]?.bytes).metadata()).format).toBe('jpeg')
  })

  it('gives each node that cannot go a clear message and still exports the rest', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const good = figma.add('FRAME', { name: 'Good', fills: [white] })
    const hidden = figma.add('FRAME', { name: 'Hidden', visible: false, fills: [white] })
    const broken = figma.add('FRAME', { name: 'Embed', fills: [white], failExport: true })
    const gone = figma.add('FRAME', { name: 'Gone', fills: [white] })
    gone.remove()
    const { images, failures } = await exportReferences(figma.port, {
      nodeIds: [good.id, hidden.id, broken.id, gone.id],
      purpose: 'thumbnail',
    })
    expect(images.map((i) => i.name)).toEqual(['Good'])
    expect(failures.map((f) => f.message)).toEqual([
      '“Hidden” is hidden, so it would export blank. Show it or deselect it.',
      'Figma could not export “Embed”. Select a frame, group, component or image instead.',
      'A selected layer was deleted. Select the layers to use again.',
    ])
  })
})

describe('placeResult', () => {
  it('Create: a rectangle at the image size, centred in the viewport, with lineage', async () => {
    const figma = new FakeFigma({ viewportCenter: { x: 1000, y: 500 } })
    const placed = await placeResult(figma.port, await params())
    const rect = await nodeById(figma, placed.nodeId)
    expect(rect.type).toBe('RECTANGLE')
    expect([rect.x, rect.y, rect.width, rect.height]).toEqual([488, 116, 1024, 768])
    expect(rect.parent).toBe(figma.currentPage)
    expect(rect.fills).toEqual([
      { type: 'IMAGE', imageHash: expect.any(String) as unknown, scaleMode: 'FILL' },
    ])
    expect(rect.name).toBe('A lighthouse at dusk, painted in gouache')
    expect(rect.getRelaunchData()).toEqual({
      iterate: 'Prompt: A lighthouse at dusk, painted in gouache',
    })
    expect(lineageOf(rect)).toMatchObject({
      parent: null,
      next: { chain: ['A lighthouse at dusk, painted in gouache'] },
    })
    expect(figma.currentPage.selection).toEqual([rect])
    expect(figma.scrolledTo).toEqual([[rect.id]])
    expect(figma.undoCommits).toHaveLength(1)
  })

  it('Edit: same parent as the source, to its right, past siblings', async () => {
    const figma = new FakeFigma()
    const board = figma.add('FRAME', { name: 'Board', width: 5000, height: 3000, fills: [white] })
    const source = figma.add(
      'FRAME',
      { name: 'Hero', x: 100, y: 100, width: 400, height: 300, fills: [white] },
      board
    )
    figma.add(
      'FRAME',
      { name: 'Neighbour', x: 600, y: 120, width: 300, height: 200, fills: [white] },
      board
    )
    const placed = await placeResult(
      figma.port,
      await params({ sources: [{ id: source.id, name: 'Hero', role: 'subject' }] })
    )
    expect(placed).toMatchObject({ parentId: board.id, x: 900 + PLACEMENT_GAP, y: 100 })
    const rect = await nodeById(figma, placed.nodeId)
    expect(rect.parent).toBe(board)
    expect(lineageOf(rect).sources).toEqual([{ id: source.id, name: 'Hero', role: 'subject' }])
  })

  it('Iterate: the chain grows, the parent is linked, each result undoes alone', async () => {
    const figma = new FakeFigma()
    const first = await placeResult(figma.port, await params())
    const second = await placeResult(
      figma.port,
      await params({
        prompt: 'Now at night',
        generationId: 'gen_2',
        parentNodeId: first.nodeId,
        sources: [{ id: first.nodeId, name: first.name, role: 'subject' }],
      })
    )
    const entry = lineageOf(await nodeById(figma, second.nodeId))
    expect(entry.parent).toEqual({ nodeId: first.nodeId, generationId: 'gen_1' })
    expect(entry.next.chain).toEqual(['A lighthouse at dusk, painted in gouache', 'Now at night'])
    expect(second.x).toBe(first.x + first.width + PLACEMENT_GAP)
    expect(figma.undoCommits).toEqual([1, 2])
  })

  it('refuses an image Figma cannot take, placing nothing', async () => {
    const figma = new FakeFigma()
    const before = figma.currentPage.children?.length
    const bytes = await png(4100, 100)
    await expect(
      placeResult(
        figma.port,
        await params({ image: { bytes, mimeType: 'image/png', width: 4100, height: 100 } })
      )
    ).rejects.toMatchObject({
      code: 'image_rejected',
      message: expect.stringMatching(/smaller size/) as unknown,
    })
    expect(figma.currentPage.children?.length).toBe(before)
    expect(figma.undoCommits).toEqual([])
  })
})

describe('settings', () => {
  it('saves through clientStorage and reads back', async () => {
    const figma = new FakeFigma()
    expect(await getSettings(figma.port)).toEqual({ settings: null })
    const settings = { serverUrl: 'http://127.0.0.1:8787', token: 'tok', geminiKey: '' }
    await saveSettings(figma.port, settings)
    expect(await getSettings(figma.port)).toEqual({ settings })
  })

  it('treats damaged stored settings as absent, with a notice', async () => {
    const figma = new FakeFigma()
    await figma.clientStorage.setAsync(SETTINGS_STORAGE_KEY, { serverUrl: 42 })
    const read = await getSettings(figma.port)
    expect(read.settings).toBeNull()
    expect(read.notice).toMatch(/Enter them again/)
  })
})

describe('settings schema without the URL global', () => {
  it('validates server addresses where Figma has no URL class', async () => {
    const { StoredSettingsSchema } = await import('../../protocol/settings')
    const saved = globalThis.URL
    Object.defineProperty(globalThis, 'URL', {
      value: undefined,
      configurable: true,
      writable: true,
    })
    try {
      const ok = (serverUrl: string): boolean =>
        StoredSettingsSchema.safeParse({ serverUrl, token: '', geminiKey: '' }).success
      expect(ok('http://127.0.0.1:8787')).toBe(true)
      expect(ok('https://peel.example.com/api/')).toBe(true)
      expect(ok('ftp://example.com')).toBe(false)
      expect(ok('not a url')).toBe(false)
    } finally {
      Object.defineProperty(globalThis, 'URL', { value: saved, configurable: true, writable: true })
    }
  })
})
