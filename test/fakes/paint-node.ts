/**
 * @module
 * A tiny software painter for the fake host's `exportAsync`: boxes, gradients, text bars and a
 * photo-like texture for image fills. Enough for real encoders to produce realistic byte counts.
 */

/** What the painter needs from a fake node. */
export interface Paintable {
  type: string
  visible: boolean
  opacity: number
  fills: readonly Paint[] | symbol
  absX: number
  absY: number
  width: number
  height: number
  paintChildren: readonly Paintable[]
}

interface Canvas {
  width: number
  height: number
  rgba: Uint8ClampedArray
}

function blend(canvas: Canvas, x: number, y: number, rgb: readonly number[], alpha: number): void {
  const i = (y * canvas.width + x) * 4
  const d = canvas.rgba
  const inv = 1 - alpha
  d[i] = (rgb[0] ?? 0) * alpha + (d[i] ?? 0) * inv
  d[i + 1] = (rgb[1] ?? 0) * alpha + (d[i + 1] ?? 0) * inv
  d[i + 2] = (rgb[2] ?? 0) * alpha + (d[i + 2] ?? 0) * inv
  d[i + 3] = 255 * alpha + (d[i + 3] ?? 0) * inv
}

function seedOf(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return (h >>> 0) / 2 ** 32
}

function paintOf(paint: Paint, u: number, v: number, px: number, py: number): number[] {
  switch (paint.type) {
    case 'SOLID':
      return [paint.color.r * 255, paint.color.g * 255, paint.color.b * 255]
    case 'IMAGE': {
      // Smooth "photo" shapes plus fine grain, seeded by the image hash.
      const s = seedOf(paint.imageHash ?? '') * 10
      const grain = (Math.sin(px * 12.9898 + py * 78.233 + s) * 43758.5453) % 1
      const base = 0.5 + 0.25 * Math.sin(u * 6 + s) + 0.2 * Math.cos(v * 5 - s)
      const g = Math.max(0, Math.min(1, base + grain * 0.06))
      return [g * 200 + 30, g * 170 + 40 * v, 120 + 100 * u * g]
    }
    case 'GRADIENT_LINEAR':
    case 'GRADIENT_RADIAL':
    case 'GRADIENT_ANGULAR':
    case 'GRADIENT_DIAMOND': {
      const a = paint.gradientStops[0]?.color ?? { r: 0, g: 0, b: 0 }
      const b = paint.gradientStops.at(-1)?.color ?? a
      return [
        (a.r + (b.r - a.r) * u) * 255,
        (a.g + (b.g - a.g) * u) * 255,
        (a.b + (b.b - a.b) * u) * 255,
      ]
    }
    case 'VIDEO':
    case 'PATTERN':
    case 'SHADER':
      return [128, 128, 128]
  }
}

function paintBox(
  canvas: Canvas,
  node: Paintable,
  origin: { x: number; y: number },
  scale: number
): void {
  if (!node.visible || typeof node.fills === 'symbol') return
  const x0 = Math.max(0, Math.round((node.absX - origin.x) * scale))
  const y0 = Math.max(0, Math.round((node.absY - origin.y) * scale))
  const x1 = Math.min(canvas.width, Math.round((node.absX - origin.x + node.width) * scale))
  const y1 = Math.min(canvas.height, Math.round((node.absY - origin.y + node.height) * scale))
  const lineHeight = Math.max(2, Math.round(18 * scale))
  for (const paint of node.fills) {
    if (paint.visible === false) continue
    const alpha = (paint.opacity ?? 1) * node.opacity
    for (let y = y0; y < y1; y++) {
      // Text paints as bars, one per line, like glyphs seen from afar.
      if (node.type === 'TEXT' && (y - y0) % lineHeight > lineHeight * 0.6) continue
      const v = (y - y0) / Math.max(1, y1 - y0)
      for (let x = x0; x < x1; x++) {
        const rgb = paintOf(paint, (x - x0) / Math.max(1, x1 - x0), v, x, y)
        blend(canvas, x, y, rgb, alpha)
      }
    }
  }
  for (const child of node.paintChildren) paintBox(canvas, child, origin, scale)
}

/** Renders `node` and its visible descendants at `width`×`height` pixels, RGBA. */
export function paintNode(node: Paintable, width: number, height: number): Uint8ClampedArray {
  const canvas: Canvas = { width, height, rgba: new Uint8ClampedArray(width * height * 4) }
  paintBox(canvas, node, { x: node.absX, y: node.absY }, width / node.width)
  return canvas.rgba
}
