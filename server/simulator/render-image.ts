/**
 * @module
 * Real images for the simulator: deterministic, derived from the inputs, and visibly marked as
 * simulated so one never passes for a Gemini result.
 */
import sharp from 'sharp'
import type { Sharp } from 'sharp'

export interface RenderOptions {
  width: number
  height: number
  /** 32 bytes (a sha256) that pick the colours; the same seed always gives the same bytes. */
  seed: Buffer
  /** The first input image: the output is made from it, tinted, when present. */
  input?: Buffer
  label: string
  format: 'png' | 'jpeg'
}

function colourAt(seed: Buffer, offset: number): [number, number, number] {
  return [seed[offset % 32] ?? 0, seed[(offset + 1) % 32] ?? 0, seed[(offset + 2) % 32] ?? 0]
}

// A tiny grid of seed colours scaled up with a smooth kernel: a full-size gradient for the cost of
// one resize, where drawing it pixel by pixel in JS would take seconds at 4K.
function gradient(seed: Buffer): Sharp {
  const grid = Buffer.alloc(4 * 4 * 3)
  for (let i = 0; i < 16; i++) grid.set(colourAt(seed, i * 2), i * 3)
  return sharp(grid, { raw: { width: 4, height: 4, channels: 3 } })
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

// The stripes mark the image even where no fonts are installed (fresh CI machines), since
// librsvg then draws no glyphs for the label.
function markBand(width: number, bandHeight: number, label: string): Buffer {
  const stripe = Math.max(8, Math.round(bandHeight / 2))
  const fontSize = Math.round(bandHeight * 0.5)
  const textWidth = Math.min(width, Math.round(label.length * fontSize * 0.62 + fontSize * 2))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bandHeight}">
  <defs><pattern id="s" width="${stripe * 2}" height="${stripe * 2}" patternUnits="userSpaceOnUse"
    patternTransform="rotate(45)"><rect width="${stripe}" height="${stripe * 2}" fill="#111"/>
    <rect x="${stripe}" width="${stripe}" height="${stripe * 2}" fill="#f5c400"/></pattern></defs>
  <rect width="${width}" height="${bandHeight}" fill="url(#s)"/>
  <rect x="${Math.round((width - textWidth) / 2)}" width="${textWidth}" height="${bandHeight}" fill="#111"/>
  <text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" fill="#fff"
    font-family="sans-serif" font-weight="bold" font-size="${fontSize}">${escapeXml(label)}</text>
</svg>`
  return Buffer.from(svg)
}

/** Draws one image at exactly `width`×`height` and encodes it. */
export async function renderImage(options: RenderOptions): Promise<Buffer> {
  const { width, height, seed, input, label, format } = options
  const tint = colourAt(seed, 7)
  const source =
    input === undefined
      ? gradient(seed).resize(width, height, { fit: 'fill', kernel: 'linear' })
      : sharp(input).rotate().resize(width, height, { fit: 'cover' })
  // A light tint keeps an input recognisable (a red input stays red) while prompts still differ.
  const base = await source
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .linear(
      [0.8, 0.8, 0.8],
      tint.map((c) => c * 0.2)
    )
    .raw()
    .toBuffer()
  const bandHeight = Math.max(16, Math.min(Math.round(height * 0.08), Math.round(width * 0.06)))
  const band = await sharp(markBand(width, bandHeight, label))
    .flatten({ background: '#111111' })
    .raw()
    .toBuffer()
  // The band spans whole rows, so copying its bytes over the bottom rows replaces a full-size
  // composite (which would also add an alpha channel Gemini's opaque images don't have).
  band.copy(base, (height - bandHeight) * width * 3)
  const image = sharp(base, { raw: { width, height, channels: 3 } })
  return format === 'png'
    ? image.png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer()
    : image.jpeg({ quality: 70 }).toBuffer()
}
