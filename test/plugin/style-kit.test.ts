import { describe, expect, it } from 'vitest'

import { getStyleKit, pinStyle, unpinStyle } from '../../plugin/handlers/style-kit'
import { STYLE_KIT_KEY, StoredStyleKitSchema } from '../../protocol/style-kit'
import { FakeFigma } from '../fakes/fake-figma'
import type { FakeNode } from '../fakes/fake-node'

function stored(figma: FakeFigma): string[] {
  const raw = figma.root.getPluginData(STYLE_KIT_KEY)
  if (raw === '') return []
  return StoredStyleKitSchema.parse(JSON.parse(raw)).frames.map((f) => f.name)
}

/** What Figma's undo does to a deleted node: it comes back with the same id. */
function restore(figma: FakeFigma, node: FakeNode): void {
  node.removed = false
  figma.currentPage.appendChild(node)
}

describe('style kit', () => {
  it('keeps both pins when two pins are clicked in quick succession', async () => {
    const figma = new FakeFigma()
    const a = figma.add('FRAME', { name: 'A' })
    const b = figma.add('FRAME', { name: 'B' })
    await Promise.all([
      pinStyle(figma.port, { nodeIds: [a.id] }),
      pinStyle(figma.port, { nodeIds: [b.id] }),
    ])
    expect(stored(figma)).toEqual(['A', 'B'])
  })

  it('does not resurrect an unpinned frame when a pin and an unpin interleave', async () => {
    const figma = new FakeFigma()
    const a = figma.add('FRAME', { name: 'A' })
    const b = figma.add('FRAME', { name: 'B' })
    await pinStyle(figma.port, { nodeIds: [a.id] })
    const [, unpinned] = await Promise.all([
      pinStyle(figma.port, { nodeIds: [b.id] }),
      unpinStyle(figma.port, { nodeId: a.id }),
    ])
    expect(stored(figma)).toEqual(['B'])
    expect(unpinned.frames.map((f) => f.name)).toEqual(['B'])
  })

  it('keeps running after a task fails', async () => {
    const figma = new FakeFigma()
    const frames = Array.from({ length: 17 }, (_, i) =>
      figma.add('FRAME', { name: `F${String(i)}` })
    )
    const [full, after] = await Promise.allSettled([
      pinStyle(figma.port, { nodeIds: frames.map((f) => f.id) }),
      pinStyle(figma.port, { nodeIds: [frames[0]?.id ?? ''] }),
    ])
    expect(full.status).toBe('rejected')
    expect(after.status).toBe('fulfilled')
    expect(stored(figma)).toEqual(['F0'])
  })

  it('leaves a missing frame stored on a plain read, so undoing its deletion restores it', async () => {
    const figma = new FakeFigma()
    const a = figma.add('FRAME', { name: 'A' })
    const b = figma.add('FRAME', { name: 'B' })
    await pinStyle(figma.port, { nodeIds: [a.id, b.id] })
    const commits = figma.undoCommits.length
    a.remove()
    const read = await getStyleKit(figma.port)
    expect(read.frames.map((f) => f.name)).toEqual(['B'])
    expect(read.notices).toEqual([
      '“A” is missing from the file, so the style kit leaves it out. Undo its deletion to bring it back.',
    ])
    expect(stored(figma)).toEqual(['A', 'B'])
    expect(figma.undoCommits.length).toBe(commits)

    restore(figma, a)
    const back = await getStyleKit(figma.port)
    expect(back.frames.map((f) => f.name)).toEqual(['A', 'B'])
    expect(back.notices).toEqual([])
  })

  it('shows a renamed frame under its new name without writing on read', async () => {
    const figma = new FakeFigma()
    const a = figma.add('FRAME', { name: 'Brand' })
    await pinStyle(figma.port, { nodeIds: [a.id] })
    a.name = 'Brand 2025'
    expect((await getStyleKit(figma.port)).frames).toEqual([{ nodeId: a.id, name: 'Brand 2025' }])
    expect(stored(figma)).toEqual(['Brand'])
    await unpinStyle(figma.port, { nodeId: 'none' })
    expect(stored(figma)).toEqual(['Brand 2025'])
  })

  it('drops a missing frame when the designer pins or unpins, and says so', async () => {
    const figma = new FakeFigma()
    const a = figma.add('FRAME', { name: 'A' })
    const b = figma.add('FRAME', { name: 'B' })
    await pinStyle(figma.port, { nodeIds: [a.id, b.id] })
    a.remove()
    const kit = await unpinStyle(figma.port, { nodeId: b.id })
    expect(kit.frames).toEqual([])
    expect(kit.notices).toEqual([
      '“A” was deleted, so it left the style kit. Pin it again if you restore it.',
    ])
    expect(figma.root.getPluginData(STYLE_KIT_KEY)).toBe('')
  })
})
