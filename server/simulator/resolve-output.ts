/**
 * @module
 * Settles what the simulator will draw: the output ratio, size and exact pixels, following
 * Gemini's defaults (the first input image's shape, else 1:1; 1K on sizable models).
 */
import sharp from 'sharp'
import type { AspectRatio, ImageSize } from '../../protocol/api'
import type { ModelSpec } from '../gemini/model-specs'
import { defaultImageSize, nearestAspectRatio, outputPixels } from '../gemini/model-specs'
import type { InputImage } from './validate-request'

export interface OutputPlan {
  aspectRatio: AspectRatio
  imageSize: ImageSize | undefined
  width: number
  height: number
  /** The first input image sharp can decode, to draw the output from. */
  source: Buffer | undefined
}

export type OutputResult = { ok: true; value: OutputPlan } | { ok: false; message: string }

/** Google's 400 for an input image it cannot decode. */
export const UNREADABLE_IMAGE =
  'Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'

// sharp's prebuilt libvips has no HEIC decoder, so HEIC/HEIF inputs are accepted unread, as
// Google accepts them; they only lose the "match the input's shape" default.
function isDecodable(image: InputImage): boolean {
  return image.mimeType !== 'image/heic' && image.mimeType !== 'image/heif'
}

async function readSize(image: InputImage): Promise<{ width: number; height: number } | null> {
  try {
    const { width, height, orientation } = await sharp(image.bytes).metadata()
    // EXIF orientations 5–8 are stored sideways; Gemini sees the upright picture.
    return (orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height }
  } catch {
    return null
  }
}

/** Reads the inputs and picks the output pixels for `spec`. */
export async function resolveOutput(
  spec: ModelSpec,
  images: readonly InputImage[],
  requested: { aspectRatio: AspectRatio | undefined; imageSize: ImageSize | undefined }
): Promise<OutputResult> {
  const decodable = images.filter(isDecodable)
  const sizes = await Promise.all(decodable.map(readSize))
  if (sizes.includes(null)) return { ok: false, message: UNREADABLE_IMAGE }
  const first = sizes[0]
  const aspectRatio =
    requested.aspectRatio ??
    (first ? nearestAspectRatio(spec.aspectRatios, first.width, first.height) : '1:1')
  const imageSize = requested.imageSize ?? defaultImageSize(spec)
  const pixels = outputPixels(spec, aspectRatio, imageSize)
  if (pixels === undefined) {
    return { ok: false, message: `models/${spec.id} cannot make ${aspectRatio} images.` }
  }
  return { ok: true, value: { aspectRatio, imageSize, ...pixels, source: decodable[0]?.bytes } }
}
