/**
 * @module
 * How big, and in which format, a node is exported to be sent as a reference.
 */

import { REFERENCE_LONG_EDGE } from '../../protocol/reference-size'

export { REFERENCE_LONG_EDGE }

/** Thumbnails are shown at 48 px; 96 px keeps them sharp on 2x screens. */
export const THUMBNAIL_LONG_EDGE = 96

/** Small nodes are scaled up at most 2x: beyond that Figma only interpolates, adding no detail. */
export const MAX_UPSCALE = 2

/** What Figma's `exportAsync` is asked for. */
export interface ExportPlan {
  format: 'PNG' | 'JPG'
  mimeType: 'image/png' | 'image/jpeg'
  constraint: { type: 'WIDTH' | 'HEIGHT'; value: number }
  /** The pixel size the export will have. */
  width: number
  height: number
}

/**
 * Plans one export. JPEG for opaque content (several times smaller for photos and gradients), PNG
 * where transparency matters, since JPEG would fill it with a solid colour.
 */
export function planExport(
  size: { width: number; height: number },
  opaque: boolean,
  purpose: 'reference' | 'thumbnail'
): ExportPlan {
  const longEdge = Math.max(size.width, size.height)
  if (!(longEdge > 0) || !(Math.min(size.width, size.height) > 0)) {
    throw new RangeError('A node with no width or height cannot be exported.')
  }
  const cap = purpose === 'reference' ? REFERENCE_LONG_EDGE : THUMBNAIL_LONG_EDGE
  const scale = Math.min(cap / longEdge, MAX_UPSCALE)
  const width = Math.max(1, Math.round(size.width * scale))
  const height = Math.max(1, Math.round(size.height * scale))
  const byWidth = size.width >= size.height
  return {
    format: opaque ? 'JPG' : 'PNG',
    mimeType: opaque ? 'image/jpeg' : 'image/png',
    constraint: byWidth ? { type: 'WIDTH', value: width } : { type: 'HEIGHT', value: height },
    width,
    height,
  }
}
