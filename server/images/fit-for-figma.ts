/**
 * @module
 * Figma cannot place an image over 4096 px on a side (`createImage` throws). Larger results are
 * scaled to fit and the untouched file rides along as `original`, so nothing is lost.
 */
import sharp from 'sharp'
import type { GeneratedImage } from '../../protocol/api'
import { readImageSize } from './read-image-size'

/** Figma's limit on an image's longest side. */
export const FIGMA_MAX_IMAGE_SIDE = 4096

/** Makes one model image placeable in Figma, re-encoding only when it is too large. */
export async function fitForFigma(
  mimeType: string,
  data: string,
  maxSide = FIGMA_MAX_IMAGE_SIDE
): Promise<GeneratedImage> {
  const { width, height } = await readImageSize(data)
  if (width <= maxSide && height <= maxSide) return { mimeType, data, width, height }
  const pipeline = sharp(Buffer.from(data, 'base64')).resize({
    width: maxSide,
    height: maxSide,
    fit: 'inside',
  })
  const jpeg = mimeType === 'image/jpeg'
  const { data: scaled, info } = await (
    jpeg ? pipeline.jpeg({ quality: 92, mozjpeg: false }) : pipeline.png({ compressionLevel: 6 })
  ).toBuffer({ resolveWithObject: true })
  return {
    mimeType: jpeg ? 'image/jpeg' : 'image/png',
    data: scaled.toString('base64'),
    width: info.width,
    height: info.height,
    original: { mimeType, data, width, height },
  }
}
