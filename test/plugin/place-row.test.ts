/**
 * Variants of one request make a row: main remembers the last result of each variant group and
 * places the next beside it, so the UI only says which group a result belongs to.
 */
import { describe, expect, it } from 'vitest'

import { placeResult } from '../../plugin/handlers/place-result'
import type { PlaceResultParams } from '../../protocol/messages'
import { FakeFigma } from '../fakes/fake-figma'
import type { FakeNode } from '../fakes/fake-node'
import { nodeById, params, white } from './place-fixtures'

function variantOf(source: FakeNode, group: string, index: number): Partial<PlaceResultParams> {
  return {
    sources: [{ id: source.id, name: source.name, role: 'subject' }],
    requestId: `req_${group}_${String(index)}`,
    generationId: `gen_${group}_${String(index)}`,
    variant: { group, index, count: 3 },
  }
}

describe('placeResult puts the variants of one request in a row', () => {
  it('places each variant beside the one placed before it, wherever that one went', async () => {
    const figma = new FakeFigma()
    const hero = figma.add('FRAME', { name: 'Hero', width: 400, height: 300, fills: [white] })
    const first = await placeResult(figma.port, await params(variantOf(hero, 'g', 0)))
    expect(first).toMatchObject({ x: 440, y: 0 })
    // The designer drags the first variant down while the second is still generating.
    const moved = await nodeById(figma, first.nodeId)
    moved.y = 2000
    const second = await placeResult(figma.port, await params(variantOf(hero, 'g', 1)))
    expect(second).toMatchObject({ x: 440 + 1024 + 40, y: 2000 })
  })

  it('starts another group’s row beside the source', async () => {
    const figma = new FakeFigma()
    const hero = figma.add('FRAME', { name: 'Hero', width: 400, height: 300, fills: [white] })
    const first = await placeResult(figma.port, await params(variantOf(hero, 'a', 0)))
    ;(await nodeById(figma, first.nodeId)).y = 2000
    const other = await placeResult(figma.port, await params(variantOf(hero, 'b', 0)))
    expect(other).toMatchObject({ x: 440, y: 0 })
  })

  it('goes beside the source when the variant before it was deleted', async () => {
    const figma = new FakeFigma()
    const hero = figma.add('FRAME', { name: 'Hero', width: 400, height: 300, fills: [white] })
    const first = await placeResult(figma.port, await params(variantOf(hero, 'g', 0)))
    ;(await nodeById(figma, first.nodeId)).remove()
    const second = await placeResult(figma.port, await params(variantOf(hero, 'g', 1)))
    expect(second).toMatchObject({ x: 440, y: 0 })
  })
})
