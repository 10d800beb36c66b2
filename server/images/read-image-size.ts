/**
 * @module
 * Reads an image's pixel size from its header. PNG and WebP keep it in the first 30 bytes and
 * JPEG in its SOF segment near the start, so a multi-megabyte result is never decoded whole just
 * to learn how big it is.
 */
import sharp from 'sharp'
import { decodeBase64Prefix } from './sniff-image-type'

export interface ImageSize {
  width: number
  height: number
}

function pngSize(head: Buffer): ImageSize | undefined {
  if (head.length < 24 || head.readUInt32BE(0) !== 0x89504e47) return undefined
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) }
}

function webpSize(head: Buffer): ImageSize | undefined {
  if (head.length < 30 || head.toString('latin1', 0, 4) !== 'RIFF') return undefined
  const chunk = head.toString('latin1', 12, 16)
  if (chunk === 'VP8 ')
    return { width: head.readUInt16LE(26) & 0x3fff, height: head.readUInt16LE(28) & 0x3fff }
  if (chunk === 'VP8L') {
    const bits = head.readUInt32LE(21)
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X')
    return { width: head.readUIntLE(24, 3) + 1, height: head.readUIntLE(27, 3) + 1 }
  return undefined
}

// SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
}

function jpegSize(bytes: Buffer): ImageSize | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined
  let offset = 2
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined
    const marker = bytes[offset + 1] ?? 0
    if (marker === 0xff) {
      offset += 1
      continue
    }
    const length = bytes.readUInt16BE(offset + 2)
    if (isStartOfFrame(marker)) {
      return { width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) }
    }
    offset += 2 + length
  }
  return undefined
}

/**
 * The pixel size of base64 image data. Falls back to sharp (which still reads only the header)
 * for formats or layouts the fast paths don't cover.
 */
export async function readImageSize(base64: string): Promise<ImageSize> {
  const head = decodeBase64Prefix(base64, 32)
  const quick = pngSize(head) ?? webpSize(head) ?? jpegSize(decodeBase64Prefix(base64, 65_536))
  if (quick !== undefined && quick.width > 0 && quick.height > 0) return quick
  const { width, height } = await sharp(Buffer.from(base64, 'base64')).metadata()
  return { width, height }
}
