/**
 * keepResult removes only the kept result's variant siblings that Figma and the designer allow,
 * and never stops halfway. Results are tagged directly (not through placeResult) so only the
 * keep logic is under test.
 */
import { describe, expect, it } from 'vitest'

import { keepResult } from '../../plugin/handlers/keep-result'
import { buildLineageEntry } from '../../plugin/lineage/build-entry'
import { encodeLineage, LINEAGE_KEY } from '../../protocol/lineage'
import { FakeFigma } from '../fakes/fake-figma'
import type { FakeNode } from '../fakes/fake-node'

function tag(node: FakeNode, group: string, index: number, several = false): FakeNode {
  const entry = buildLineageEntry(
    {
      image: { bytes: new Uint8Array(), mimeType: 'image/png', width: 10, height: 10 },
      prompt: 'Moods',
      model: 'gemini-3.1-flash-image',
      options: {},
      // The images of one reply share their request; variants are separate requests in a group.
      requestId: several ? group : `${group}-${String(index)}`,
      generationId: several ? `${group}#${String(index)}` : `${group}-${String(index)}`,
      sources: [],
      ...(several ? {} : { variant: { group, index, count: 3 } }),
    },
    null,
    { width: 10, height: 10, hash: 'h' },
    new Date(0)
  )
  node.setPluginData(LINEAGE_KEY, encodeLineage(entry))
  return node
}

function variants(figma: FakeFigma, group: string, count: number, parent?: FakeNode): FakeNode[] {
  return Array.from({ length: count }, (_, i) =>
    tag(figma.add('RECTANGLE', { name: `v${String(i + 1)}` }, parent), group, i)
  )
}

describe('keepResult scope', () => {
  it('removes only results of the kept variant group', async () => {
    const figma = new FakeFigma()
    const [keep, sibling] = variants(figma, 'a', 2)
    const [other] = variants(figma, 'b', 1)
    if (keep === undefined || sibling === undefined || other === undefined) throw new Error()
    const result = await keepResult(figma.port, { keep: keep.id, remove: [sibling.id, other.id] })
    expect(result.removed).toEqual([sibling.id])
    expect(other.removed).toBe(false)
  })

  it('treats the images of one reply as one run', async () => {
    const figma = new FakeFigma()
    const [first, second] = [0, 1].map((i) =>
      tag(figma.add('RECTANGLE', { name: `i${String(i)}` }), 'gen_x', i, true)
    )
    const other = tag(figma.add('RECTANGLE', { name: 'other' }), 'gen_y', 0, true)
    if (first === undefined || second === undefined) throw new Error()
    const result = await keepResult(figma.port, { keep: first.id, remove: [second.id, other.id] })
    expect(result.removed).toEqual([second.id])
    expect(other.removed).toBe(false)
  })

  it('removes nothing when the kept node has no Peel history', async () => {
    const figma = new FakeFigma()
    const plain = figma.add('RECTANGLE', { name: 'Plain' })
    const [result] = variants(figma, 'a', 1)
    if (result === undefined) throw new Error()
    const kept = await keepResult(figma.port, { keep: plain.id, remove: [result.id] })
    expect(kept.removed).toEqual([])
    expect(result.removed).toBe(false)
  })

  it('leaves locked results, and results in a locked frame, in place', async () => {
    const figma = new FakeFigma()
    const [keep, locked, free] = variants(figma, 'a', 3)
    const frame = Object.assign(figma.add('FRAME', { name: 'Locked board' }), { locked: true })
    const [inLockedFrame] = variants(figma, 'a', 1, frame)
    if (!keep || !locked || !free || !inLockedFrame) throw new Error()
    Object.assign(locked, { locked: true })
    const result = await keepResult(figma.port, {
      keep: keep.id,
      remove: [locked.id, inLockedFrame.id, free.id],
    })
    expect(result.removed).toEqual([free.id])
    expect([locked.removed, inLockedFrame.removed]).toEqual([false, false])
  })

  it('skips copies inside an instance and still commits one undo step', async () => {
    const figma = new FakeFigma()
    const [keep, before, after] = variants(figma, 'a', 3)
    const instance = figma.add('INSTANCE', { name: 'Card instance' })
    const [copy] = variants(figma, 'a', 1, instance)
    if (!keep || !before || !after || !copy) throw new Error()
    // As in Figma: a layer inside an instance cannot be removed. Peel must not even try.
    let tries = 0
    copy.remove = () => {
      tries++
      throw new Error('Cannot remove a node inside an instance')
    }
    const result = await keepResult(figma.port, {
      keep: keep.id,
      remove: [before.id, copy.id, after.id],
    })
    expect(result.removed).toEqual([before.id, after.id])
    expect(copy.removed).toBe(false)
    expect(tries).toBe(0)
    expect(figma.undoCommits).toHaveLength(1)
  })

  it('does not stop halfway when a removal throws for an unforeseen reason', async () => {
    const figma = new FakeFigma()
    const [keep, first, stubborn, last] = variants(figma, 'a', 4)
    if (!keep || !first || !stubborn || !last) throw new Error()
    stubborn.remove = () => {
      throw new Error('Figma refused')
    }
    const result = await keepResult(figma.port, {
      keep: keep.id,
      remove: [first.id, stubborn.id, last.id],
    })
    expect(result.removed).toEqual([first.id, last.id])
    expect(figma.undoCommits).toHaveLength(1)
    expect(figma.currentPage.selection.map((n) => n.id)).toEqual([keep.id])
  })

  it('never removes a node that contains the kept one', async () => {
    const figma = new FakeFigma()
    const [outer] = variants(figma, 'a', 1)
    const frame = tag(figma.add('FRAME', { name: 'Wrapper' }), 'a', 1)
    const [inner] = variants(figma, 'a', 1, frame)
    if (!outer || !inner) throw new Error()
    const result = await keepResult(figma.port, { keep: inner.id, remove: [frame.id, outer.id] })
    expect(result.removed).toEqual([outer.id])
    expect(inner.removed).toBe(false)
  })

  it('switches to the kept result’s page before selecting it', async () => {
    const figma = new FakeFigma()
    const first = figma.currentPage
    const other = figma.addPage('Explorations')
    const [keep, sibling] = variants(figma, 'a', 2, other)
    if (!keep || !sibling) throw new Error()
    const result = await keepResult(figma.port, { keep: keep.id, remove: [sibling.id] })
    expect(result.removed).toEqual([sibling.id])
    expect(figma.currentPage.id).toBe(other.id)
    expect(figma.currentPage.selection.map((n) => n.id)).toEqual([keep.id])
    expect(first.selection).toEqual([])
    expect(figma.scrolledTo).toEqual([[keep.id]])
  })
})
