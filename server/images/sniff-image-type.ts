/**
 * @module
 * Tells an image's type from its first bytes, decoding only a few base64 characters.
 */

const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'hevm',
  'hevs',
  'mif1',
  'msf1',
  'heif',
])

/** Decodes just the first `bytes` bytes of base64 data. */
export function decodeBase64Prefix(base64: string, bytes: number): Buffer {
  return Buffer.from(base64.slice(0, Math.ceil(bytes / 3) * 4), 'base64')
}

/**
 * The MIME type the data's magic bytes announce, or `undefined` for anything else. HEIC and HEIF
 * share one container, so both report `image/heif`.
 */
export function sniffImageType(base64: string): string | undefined {
  const head = decodeBase64Prefix(base64, 16)
  if (
    head.length >= 8 &&
    head.readUInt32BE(0) === 0x89504e47 &&
    head.readUInt32BE(4) === 0x0d0a1a0a
  ) {
    return 'image/png'
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return 'image/jpeg'
  if (
    head.length >= 12 &&
    head.toString('latin1', 0, 4) === 'RIFF' &&
    head.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'image/webp'
  }
  if (
    head.length >= 12 &&
    head.toString('latin1', 4, 8) === 'ftyp' &&
    HEIF_BRANDS.has(head.toString('latin1', 8, 12))
  ) {
    return 'image/heif'
  }
  return undefined
}

/** True when the declared MIME type matches what the bytes are. */
export function matchesMimeType(base64: string, mimeType: string): boolean {
  const actual = sniffImageType(base64)
  if (actual === 'image/heif') return mimeType === 'image/heif' || mimeType === 'image/heic'
  return actual === mimeType
}
