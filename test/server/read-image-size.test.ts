import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readImageSize } from '../../server/images/read-image-size'
import { sniffImageType } from '../../server/images/sniff-image-type'
import { makeImage } from '../helpers/make-image'

describe('readImageSize', () => {
  it.each([
    ['png', 1376, 768],
    ['jpeg', 848, 1264],
    ['webp', 300, 4000],
  ] as const)('reads a %s header without decoding it: %i×%i', async (format, width, height) => {
    const data = await makeImage(width, height, '#336699', format)
    expect(await readImageSize(data)).toEqual({ width, height })
  })

  it('finds the JPEG frame size behind a large EXIF/ICC block', async () => {
    const buffer = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#000' },
    })
      .withMetadata({ icc: 'p3' })
      .jpeg()
      .toBuffer()
    expect(await readImageSize(buffer.toString('base64'))).toEqual({ width: 640, height: 480 })
  })

  it('reads lossless and alpha WebP headers (VP8L, VP8X)', async () => {
    const lossless = await sharp({
      create: { width: 123, height: 45, channels: 4, background: '#0000' },
    })
      .webp({ lossless: true })
      .toBuffer()
    expect(await readImageSize(lossless.toString('base64'))).toEqual({ width: 123, height: 45 })
  })
})

describe('sniffImageType', () => {
  it('tells PNG, JPEG and WebP apart, and rejects anything else', async () => {
    expect(sniffImageType(await makeImage(4, 4, '#fff', 'png'))).toBe('image/png')
    expect(sniffImageType(await makeImage(4, 4, '#fff', 'jpeg'))).toBe('image/jpeg')
    expect(sniffImageType(await makeImage(4, 4, '#fff', 'webp'))).toBe('image/webp')
    expect(sniffImageType(Buffer.from('GIF89a....').toString('base64'))).toBeUndefined()
    expect(sniffImageType(Buffer.from('\x00\x00\x00\x18ftypheic0000').toString('base64'))).toBe(
      'image/heif'
    )
  })
})
