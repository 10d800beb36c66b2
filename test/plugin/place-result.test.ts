/**
 * Where placeResult puts a result when its source sits somewhere Figma or the designer would not
 * want it (instances, components, auto layout, clipping frames, another page), what it says when
 * Figma rejects the image, and that a long prompt never costs the image.
 */
import { describe, expect, it } from 'vitest'

import { placeResult } from '../../plugin/handlers/place-result'
import type { PlaceResultParams } from '../../protocol/messages'
import { FakeFigma } from '../fakes/fake-figma'
import { lineageOf, nodeById, params, png, white } from './place-fixtures'
import type { FakeNode } from '../fakes/fake-node'

function subject(node: FakeNode): Pick<PlaceResultParams, 'sources'> {
  return { sources: [{ id: node.id, name: node.name, role: 'subject' }] }
}

/** Every rectangle in the document, to catch strays a failed placement leaves behind. */
function rectangles(figma: FakeFigma): FakeNode[] {
  return figma.root.findAllWithCriteria({}).filter((node) => node.type === 'RECTANGLE')
}

describe('placeResult keeps results out of places that would break or hide them', () => {
  it('puts a result made from a layer inside an instance beside the instance', async () => {
    const figma = new FakeFigma()
    const board = figma.add('FRAME', { name: 'Board', x: 1000, y: 500, width: 4000, height: 3000 })
    const instance = figma.add(
      'INSTANCE',
      { name: 'Card', x: 100, y: 100, width: 400, height: 300 },
      board
    )
    const layer = figma.add(
      'RECTANGLE',
      { name: 'Photo', x: 20, y: 20, width: 200, height: 100, fills: [white] },
      instance
    )
    const before = rectangles(figma).length
    const placed = await placeResult(figma.port, await params(subject(layer)))
    const rect = await nodeById(figma, placed.nodeId)
    expect(rect.parent).toBe(board)
    // Right of the instance (it would cover the source's right side), top-aligned with the layer.
    expect([rect.absoluteX, rect.absoluteY]).toEqual([1000 + 500 + 40, 500 + 120])
    expect(placed).toMatchObject({ parentId: board.id, x: 540, y: 120 })
    expect(instance.children).toEqual([layer])
    expect(rectangles(figma)).toHaveLength(before + 1)
  })

  it('keeps variants, main components and their layers free of results', async () => {
    const figma = new FakeFigma()
    const set = figma.add('COMPONENT_SET', { name: 'Button', width: 600, height: 400 })
    const variant = figma.add(
      'COMPONENT',
      { name: 'State=Default', x: 20, y: 20, width: 200, height: 100 },
      set
    )
    const main = figma.add('COMPONENT', { name: 'Avatar', x: 0, y: 1000, width: 300, height: 200 })
    const inMain = figma.add(
      'RECTANGLE',
      { name: 'Face', x: 10, y: 10, width: 100, height: 50, fills: [white] },
      main
    )
    const fromVariant = await placeResult(figma.port, await params(subject(variant)))
    const fromMain = await placeResult(figma.port, await params(subject(inMain)))
    expect(fromVariant).toMatchObject({ parentId: figma.currentPage.id, x: 640, y: 20 })
    expect(fromMain).toMatchObject({ parentId: figma.currentPage.id, y: 1010 })
    expect(fromMain.x).toBeGreaterThanOrEqual(300 + 40)
    expect(set.children).toEqual([variant])
    expect(main.children).toEqual([inMain])
  })

  it('leaves an auto-layout frame as the designer laid it out', async () => {
    const figma = new FakeFigma()
    const row = figma.add('FRAME', {
      name: 'Row',
      width: 800,
      height: 200,
      layoutMode: 'HORIZONTAL',
      clipsContent: false,
    })
    const card = figma.add('FRAME', { name: 'Card', width: 200, height: 200, fills: [white] }, row)
    const placed = await placeResult(figma.port, await params(subject(card)))
    expect(placed).toMatchObject({ parentId: figma.currentPage.id, x: 840, y: 0 })
    expect(row.children).toEqual([card])
  })

  it('keeps a result in an open frame clear of the frame’s neighbours too', async () => {
    const figma = new FakeFigma()
    const open = figma.add('FRAME', { name: 'Open', width: 300, height: 300, clipsContent: false })
    const card = figma.add('FRAME', { name: 'Card', width: 200, height: 200, fills: [white] }, open)
    figma.add('FRAME', { name: 'Neighbour', x: 340, width: 1000, height: 800 })
    const placed = await placeResult(figma.port, await params(subject(card)))
    // Inside Open, yet clear of Neighbour (340 to 1340) on the page, 40 px on.
    expect(placed).toMatchObject({ parentId: open.id, x: 1380 })
  })

  it('does not place into a rotated container, where the spot would move and turn', async () => {
    const figma = new FakeFigma()
    const tilted = figma.add('FRAME', {
      name: 'Tilted',
      width: 2000,
      height: 2000,
      clipsContent: false,
      rotation: 15,
    })
    const card = figma.add(
      'FRAME',
      { name: 'Card', width: 200, height: 200, fills: [white] },
      tilted
    )
    const placed = await placeResult(figma.port, await params(subject(card)))
    expect(placed.parentId).toBe(figma.currentPage.id)
    expect(tilted.children).toEqual([card])
  })

  it('goes up past frames that would clip the result, and stays in ones that show it', async () => {
    const figma = new FakeFigma()
    const clipping = figma.add('FRAME', { name: 'Clips', width: 1000, height: 1000 })
    const open = figma.add(
      'FRAME',
      { name: 'Open', width: 500, height: 500, clipsContent: false },
      clipping
    )
    const hero = figma.add(
      'FRAME',
      { name: 'Hero', x: 100, y: 100, width: 200, height: 100, fills: [white] },
      open
    )
    const clipped = await placeResult(figma.port, await params(subject(hero)))
    // "Open" would show it, but "Clips" around it would cut it off at 1000 px.
    expect(clipped).toMatchObject({ parentId: figma.currentPage.id, x: 1040, y: 100 })

    const roomy = new FakeFigma()
    const board = roomy.add('FRAME', { name: 'Board', width: 5000, height: 3000 })
    const source = roomy.add(
      'FRAME',
      { name: 'Hero', x: 100, y: 100, width: 200, height: 100, fills: [white] },
      board
    )
    const inside = await placeResult(roomy.port, await params(subject(source)))
    expect(inside).toMatchObject({ parentId: board.id, x: 340, y: 100 })
  })

  it('removes the half-made result and says what to do when Figma refuses a step', async () => {
    const figma = new FakeFigma()
    const hero = figma.add('FRAME', { name: 'Hero', fills: [white] })
    const create = figma.createRectangle.bind(figma)
    figma.createRectangle = () => {
      const rect = create()
      rect.setRelaunchData = () => {
        throw new Error('in setRelaunchData: something went wrong')
      }
      return rect
    }
    await expect(placeResult(figma.port, await params(subject(hero)))).rejects.toMatchObject({
      message: expect.stringMatching(/^Figma could not add the result.*\.$/) as unknown,
    })
    expect(rectangles(figma)).toEqual([])
    expect(figma.undoCommits).toEqual([])
  })
})

describe('placeResult when the user has moved to another page', () => {
  it('places beside the source, selects it there, and leaves the user where they are', async () => {
    const figma = new FakeFigma()
    const first = figma.currentPage
    const hero = figma.add('FRAME', { name: 'Hero', width: 400, height: 300, fills: [white] })
    const second = figma.addPage('Explorations')
    const working = figma.add('FRAME', { name: 'Working on' }, second)
    await figma.setCurrentPageAsync(second)
    figma.currentPage.selection = [working]

    const placed = await placeResult(figma.port, await params(subject(hero)))
    const rect = await nodeById(figma, placed.nodeId)
    expect(rect.parent).toBe(first)
    expect(figma.currentPage).toBe(second)
    expect(second.selection).toEqual([working])
    expect(first.selection).toEqual([rect])
    expect(figma.scrolledTo).toEqual([])
    expect(figma.notifications).toEqual(['Result placed on “Page 1”.'])
    expect(figma.undoCommits).toHaveLength(1)
  })
})

describe('placeResult with a long prompt', () => {
  const cjk = '山水画'.repeat(6667).slice(0, 20_000) // 3 bytes a character: 60 kB

  it('places a 20,000-character CJK prompt with its lineage', async () => {
    const figma = new FakeFigma()
    const signature = 'c2ln'.repeat(2000)
    const placed = await placeResult(
      figma.port,
      await params({
        prompt: cjk,
        conversation: {
          turn: {
            user: { parts: [{ text: cjk }] },
            model: {
              parts: [{ image: { from: 'result', index: 0 }, thoughtSignature: signature }],
            },
          },
          references: [],
          continued: false,
        },
      })
    )
    const entry = lineageOf(await nodeById(figma, placed.nodeId))
    expect(entry.prompt).toBe(cjk)
    expect(entry.next).toEqual({ chain: [cjk], omitted: 0 })
    expect(entry.conversation).toEqual({ broken: 'too_large' })
  })

  it('iterates on it with another, leaving the older prompt out of the chain', async () => {
    const figma = new FakeFigma()
    const first = await placeResult(figma.port, await params({ prompt: cjk }))
    const again = `${cjk.slice(1)}！`
    const second = await placeResult(
      figma.port,
      await params({ prompt: again, generationId: 'gen_2', parentNodeId: first.nodeId })
    )
    const entry = lineageOf(await nodeById(figma, second.nodeId))
    expect(entry.next).toEqual({ chain: [again], omitted: 1 })
    expect(entry.parent).toEqual({ nodeId: first.nodeId, generationId: 'gen_1' })
  })
})

describe('placeResult explains each way Figma rejects an image', () => {
  async function rejection(figma: FakeFigma, over: Partial<PlaceResultParams>): Promise<string> {
    try {
      await placeResult(figma.port, await params(over))
    } catch (error) {
      expect(error).toMatchObject({ code: 'image_rejected' })
      expect(rectangles(figma)).toEqual([])
      return (error as Error).message
    }
    throw new Error('expected a rejection')
  }

  it('refuses a type Figma cannot place before asking Figma', async () => {
    const figma = new FakeFigma()
    let calls = 0
    const create = figma.createImage.bind(figma)
    figma.createImage = (bytes) => {
      calls++
      return create(bytes)
    }
    const bytes = await png(64, 64)
    const message = await rejection(figma, {
      image: { bytes, mimeType: 'image/webp', width: 64, height: 64 },
    })
    expect(message).toMatch(/PNG, JPEG or GIF/)
    expect(message).not.toMatch(/smaller size/)
    expect(calls).toBe(0)
  })

  it('names the size limit, an unreadable file, and an image too small', async () => {
    const figma = new FakeFigma()
    const huge = await png(4100, 100)
    expect(
      await rejection(figma, {
        image: { bytes: huge, mimeType: 'image/png', width: 4100, height: 100 },
      })
    ).toMatch(/4096.*Choose a smaller size/)
    const garbage = new Uint8Array([1, 2, 3, 4])
    const unreadable = await rejection(figma, {
      image: { bytes: garbage, mimeType: 'image/png', width: 1, height: 1 },
    })
    expect(unreadable).toMatch(/could not read/)
    expect(unreadable).not.toMatch(/smaller size/)
    figma.createImage = () => {
      throw new Error('Image is too small')
    }
    expect(await rejection(figma, {})).toMatch(/too small.*Choose a larger size/)
  })
})
