/** exportReferences degrades one node at a time: nothing about one layer fails the batch. */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { DELETED_LAYER_NAME, exportReferences } from '../../plugin/handlers/export-references'
import { FakeFigma } from '../fakes/fake-figma'
import { sharpEncoder } from '../fakes/sharp-encoder'

async function jpeg(): Promise<Uint8Array> {
  const image = sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } })
  return new Uint8Array(await image.jpeg().toBuffer())
}

describe('exportReferences failures', () => {
  it('exports a layer whose image file cannot be read, as PNG, with the rest of the batch', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const unreadable = figma.createImage(await jpeg())
    unreadable.getBytesAsync = () => Promise.reject(new Error('Image could not be loaded'))
    const photo = figma.add('FRAME', {
      name: 'Photo',
      fills: [{ type: 'IMAGE', imageHash: unreadable.hash, scaleMode: 'FILL' }],
    })
    const plain = figma.add('FRAME', {
      name: 'Plain',
      fills: [{ type: 'SOLID', color: { r: 1, g: 1, b: 1 } }],
    })
    const { images, failures } = await exportReferences(figma.port, {
      nodeIds: [photo.id, plain.id],
      purpose: 'reference',
    })
    expect(failures).toEqual([])
    // Unknown alpha is treated as transparent: PNG is bigger but never wrong.
    expect(images.map((i) => [i.name, i.mimeType])).toEqual([
      ['Photo', 'image/png'],
      ['Plain', 'image/jpeg'],
    ])
  })

  it('stops between layers once the UI has cancelled', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const frames = ['A', 'B', 'C'].map((name) =>
      figma.add('FRAME', { name, fills: [{ type: 'SOLID', color: { r: 1, g: 1, b: 1 } }] })
    )
    const cancellation = { cancelled: false }
    let exports = 0
    for (const frame of frames) {
      const real = frame.exportAsync.bind(frame)
      frame.exportAsync = (settings) => {
        exports++
        // The cancel arrives while the first layer exports.
        cancellation.cancelled = true
        return real(settings)
      }
    }
    const error = await exportReferences(
      figma.port,
      { nodeIds: frames.map((f) => f.id), purpose: 'reference' },
      cancellation
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'cancelled' })
    expect(exports).toBe(1)
  })

  it('names a deleted layer in words, not by its id', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const gone = figma.add('FRAME', { name: 'Gone' })
    gone.remove()
    const { failures } = await exportReferences(figma.port, {
      nodeIds: [gone.id],
      purpose: 'thumbnail',
    })
    expect(failures).toEqual([
      {
        nodeId: gone.id,
        name: DELETED_LAYER_NAME,
        message: 'A selected layer was deleted. Select the layers to use again.',
      },
    ])
    expect(DELETED_LAYER_NAME).not.toContain(gone.id)
  })

  it('says a page is not a layer instead of calling it deleted', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const { failures } = await exportReferences(figma.port, {
      nodeIds: [figma.currentPage.id],
      purpose: 'reference',
    })
    expect(failures).toEqual([
      {
        nodeId: figma.currentPage.id,
        name: 'Page 1',
        message: '“Page 1” is a page, not a layer. Select layers on it instead.',
      },
    ])
  })
})
