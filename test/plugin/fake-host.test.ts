import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { FakeFigma } from '../fakes/fake-figma'
import { sharpEncoder } from '../fakes/sharp-encoder'

async function png(width: number, height: number): Promise<Uint8Array> {
  const image = sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
  return new Uint8Array(await image.png({ compressionLevel: 9 }).toBuffer())
}

describe('the fake Figma host enforces the real limits', () => {
  it('createImage accepts 4096 px and throws above it', async () => {
    const figma = new FakeFigma()
    const ok = figma.createImage(await png(4096, 16))
    expect(await ok.getSizeAsync()).toEqual({ width: 4096, height: 16 })
    expect(figma.getImageByHash(ok.hash)).toBe(ok)
    const big = await png(4097, 16)
    expect(() => figma.createImage(big)).toThrow('Image is too large')
    expect(() => figma.createImage(new Uint8Array([1, 2, 3, 4]))).toThrow('unsupported')
  })

  it('reads JPEG sizes too', async () => {
    const figma = new FakeFigma()
    const jpeg = sharp({ create: { width: 300, height: 200, channels: 3, background: '#000' } })
    const image = figma.createImage(new Uint8Array(await jpeg.jpeg().toBuffer()))
    expect(await image.getSizeAsync()).toEqual({ width: 300, height: 200 })
  })

  it('plugin data over 100 kB throws; missing keys read ""; "" deletes', () => {
    const figma = new FakeFigma()
    const node = figma.add('FRAME')
    expect(node.getPluginData('nothing')).toBe('')
    node.setPluginData('k', 'x'.repeat(90_000))
    expect(node.getPluginData('k')).toHaveLength(90_000)
    expect(() => {
      node.setPluginData('k', 'x'.repeat(100_000))
    }).toThrow(/100 kB/)
    // Multi-byte text counts in bytes: 30,000 × 4 bytes is over the limit.
    expect(() => {
      node.setPluginData('k', '🍌'.repeat(30_000))
    }).toThrow(/100 kB/)
    node.setPluginData('k', '')
    expect(node.getPluginDataKeys()).toEqual([])
  })

  it('deleted nodes resolve null and refuse to be used', async () => {
    const figma = new FakeFigma()
    const frame = figma.add('FRAME')
    const child = figma.add('RECTANGLE', {}, frame)
    expect(await figma.getNodeByIdAsync(child.id)).toBe(child)
    frame.remove()
    expect(await figma.getNodeByIdAsync(frame.id)).toBeNull()
    expect(await figma.getNodeByIdAsync(child.id)).toBeNull()
    expect(await figma.getNodeByIdAsync('9:999')).toBeNull()
    expect(() => child.getPluginData('k')).toThrow(/does not exist/)
  })

  it('tracks undo commits and caps relaunch descriptions', () => {
    const figma = new FakeFigma()
    figma.commitUndo()
    figma.commitUndo()
    expect(figma.undoCommits).toEqual([1, 2])
    const node = figma.add('RECTANGLE')
    expect(() => {
      node.setRelaunchData({ iterate: 'x'.repeat(1001) })
    }).toThrow(/1000/)
    node.setRelaunchData({ iterate: 'Prompt: cat' })
    expect(node.getRelaunchData()).toEqual({ iterate: 'Prompt: cat' })
  })

  it('exports real image files at the constrained size', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const frame = figma.add('FRAME', {
      width: 400,
      height: 200,
      fills: [{ type: 'SOLID', color: { r: 1, g: 0, b: 0 } }],
    })
    const bytes = await frame.exportAsync({
      format: 'JPG',
      constraint: { type: 'WIDTH', value: 100 },
    })
    const meta = await sharp(bytes).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 100, 50])
    const pixel = await sharp(bytes)
      .extract({ left: 50, top: 25, width: 1, height: 1 })
      .raw()
      .toBuffer()
    expect(pixel[0]).toBeGreaterThan(200)
    expect(pixel[1]).toBeLessThan(50)
  })

  it('storage clones values, like structured clone in Figma', async () => {
    const figma = new FakeFigma()
    const value = { token: 'a' }
    await figma.clientStorage.setAsync('s', value)
    value.token = 'b'
    expect(await figma.clientStorage.getAsync('s')).toEqual({ token: 'a' })
  })
  it('refuses new layers in an instance and anything but components in a component set', () => {
    const figma = new FakeFigma()
    const instance = figma.add('INSTANCE')
    const inner = figma.add('FRAME', {}, instance)
    const set = figma.add('COMPONENT_SET')
    const loose = figma.add('RECTANGLE')
    expect(() => {
      instance.appendChild(loose)
    }).toThrow(/instance/)
    expect(() => {
      inner.insertChild(0, loose)
    }).toThrow(/instance/)
    expect(() => {
      set.appendChild(loose)
    }).toThrow(/only contain components/)
    set.appendChild(figma.add('COMPONENT'))
    expect(() => {
      loose.parent?.insertChild(99, loose)
    }).toThrow(/out of range/)
    expect(loose.parent).toBe(figma.currentPage)
  })

  it("keeps each page's own selection, refusing nodes from another page", async () => {
    const figma = new FakeFigma()
    const first = figma.currentPage
    const here = figma.add('FRAME')
    const second = figma.addPage('Second')
    const there = figma.add('FRAME', {}, second)
    expect(() => {
      first.selection = [there]
    }).toThrow(/not on this page/)
    second.selection = [there]
    first.selection = [here]
    await figma.setCurrentPageAsync(second)
    expect(figma.currentPage.selection).toEqual([there])
    expect(first.selection).toEqual([here])
  })
})
