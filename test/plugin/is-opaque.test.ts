import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { imageHasAlpha } from '../../plugin/export/image-has-alpha'
import { isOpaque } from '../../plugin/export/is-opaque'

const white: SolidPaint = { type: 'SOLID', color: { r: 1, g: 1, b: 1 } }
const photo: ImagePaint = { type: 'IMAGE', imageHash: 'h1', scaleMode: 'FILL' }
const noAlpha = (): boolean => false

describe('isOpaque', () => {
  it('is true for a frame with an opaque solid fill', () => {
    expect(isOpaque({ type: 'FRAME', opacity: 1, fills: [white], cornerRadius: 0 }, noAlpha)).toBe(
      true
    )
  })

  it('is false when anything can leave transparent pixels', () => {
    const base = { type: 'FRAME', opacity: 1, fills: [white], cornerRadius: 0 }
    expect(isOpaque({ ...base, opacity: 0.5 }, noAlpha)).toBe(false)
    expect(isOpaque({ ...base, cornerRadius: 12 }, noAlpha)).toBe(false)
    expect(isOpaque({ ...base, fills: [] }, noAlpha)).toBe(false)
    expect(isOpaque({ ...base, fills: [{ ...white, opacity: 0.9 }] }, noAlpha)).toBe(false)
    expect(isOpaque({ ...base, type: 'GROUP' }, noAlpha)).toBe(false)
    expect(isOpaque({ ...base, type: 'TEXT' }, noAlpha)).toBe(false)
    const shadow: DropShadowEffect = {
      type: 'DROP_SHADOW',
      color: { r: 0, g: 0, b: 0, a: 0.2 },
      offset: { x: 0, y: 4 },
      radius: 8,
      visible: true,
      blendMode: 'NORMAL',
    }
    expect(isOpaque({ ...base, effects: [shadow] }, noAlpha)).toBe(false)
  })

  it('asks whether an image fill can be transparent', () => {
    const node = { type: 'RECTANGLE', opacity: 1, fills: [photo], cornerRadius: 0 }
    expect(isOpaque(node, noAlpha)).toBe(true)
    expect(isOpaque(node, (hash) => hash === 'h1')).toBe(false)
    expect(isOpaque({ ...node, fills: [{ ...photo, scaleMode: 'FIT' }] }, noAlpha)).toBe(false)
  })
})

describe('imageHasAlpha', () => {
  const make = (channels: 3 | 4) =>
    sharp({ create: { width: 8, height: 8, channels, background: { r: 9, g: 9, b: 9, alpha: 1 } } })

  it('reads PNG colour types and JPEG', async () => {
    expect(imageHasAlpha(new Uint8Array(await make(4).png().toBuffer()))).toBe(true)
    expect(imageHasAlpha(new Uint8Array(await make(3).png().toBuffer()))).toBe(false)
    expect(imageHasAlpha(new Uint8Array(await make(3).jpeg().toBuffer()))).toBe(false)
  })

  it('finds palette transparency in a tRNS chunk', async () => {
    const rgba = sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0.5 } },
    })
    const palette = await rgba.png({ palette: true }).toBuffer()
    expect(palette[25]).toBe(3)
    expect(imageHasAlpha(new Uint8Array(palette))).toBe(true)
  })

  it('assumes unknown formats may be transparent', () => {
    expect(imageHasAlpha(new Uint8Array([1, 2, 3]))).toBe(true)
  })
})
