import sharp from 'sharp'

import type { Encoder } from './fake-figma'

/**
 * Real PNG and JPEG encoders for the fake host in Node. Figma does not document its JPG quality;
 * 80 (sharp's default) is assumed, so the byte counts measured with it are estimates.
 */
export const sharpEncoder: Encoder = async (rgba, width, height, format) => {
  const image = sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), {
    raw: { width, height, channels: 4 },
  })
  const buffer = format === 'PNG' ? await image.png().toBuffer() : await image.jpeg().toBuffer()
  return new Uint8Array(buffer)
}
