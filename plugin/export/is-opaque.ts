/**
 * @module
 * Decides from a node's properties whether its export has no transparent pixels, so it can go as
 * JPEG. When unsure it says no: PNG is bigger but never wrong.
 */

/** The node properties the decision reads (all optional: many node types lack some). */
export interface OpacityFacts {
  type: string
  opacity?: number
  fills?: readonly Paint[] | symbol
  cornerRadius?: number | symbol
  effects?: readonly Effect[]
}

// Shapes whose fill covers their whole bounding box.
const BOX_TYPES = new Set(['FRAME', 'COMPONENT', 'INSTANCE', 'RECTANGLE', 'SECTION'])

/** `imageAlpha(hash)` says whether an image fill's file can be transparent. */
export function isOpaque(node: OpacityFacts, imageAlpha: (hash: string) => boolean): boolean {
  if (!BOX_TYPES.has(node.type)) return false
  if ((node.opacity ?? 1) < 1) return false
  // Rounded corners leave transparent pixels in the export's corners.
  if (node.cornerRadius !== undefined && node.cornerRadius !== 0) return false
  // Outer shadows and layer blur grow the export past the node, onto transparent pixels.
  const spills = (node.effects ?? []).some(
    (effect) => effect.visible && (effect.type === 'DROP_SHADOW' || effect.type === 'LAYER_BLUR')
  )
  if (spills) return false
  if (typeof node.fills === 'symbol' || node.fills === undefined) return false
  return node.fills.some((paint) => isOpaquePaint(paint, imageAlpha))
}

function isOpaquePaint(paint: Paint, imageAlpha: (hash: string) => boolean): boolean {
  if (paint.visible === false || (paint.opacity ?? 1) < 1) return false
  if (paint.blendMode !== undefined && paint.blendMode !== 'NORMAL') return false
  switch (paint.type) {
    case 'SOLID':
      return true
    case 'IMAGE':
      return (
        (paint.scaleMode === 'FILL' || paint.scaleMode === 'TILE') &&
        paint.imageHash !== null &&
        !imageAlpha(paint.imageHash)
      )
    case 'GRADIENT_LINEAR':
    case 'GRADIENT_RADIAL':
    case 'GRADIENT_ANGULAR':
    case 'GRADIENT_DIAMOND':
      return paint.gradientStops.every((stop) => stop.color.a === 1)
    case 'VIDEO':
    case 'PATTERN':
    case 'SHADER':
      // Video, pattern and shader paints: content unknown until rendered.
      return false
  }
}
