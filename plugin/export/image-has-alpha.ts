/**
 * Whether an image file can hold transparent pixels, read from its header alone: PNG colour types
 * 4 and 6 carry alpha and a tRNS chunk makes any PNG transparent; JPEG never is; GIF and anything
 * unknown are assumed to be, so they stay PNG.
 */
export function imageHasAlpha(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return false
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
  if (!isPng || bytes.length < 33) return true
  const colorType = bytes[25]
  if (colorType === 4 || colorType === 6) return true
  // Walk the chunks before IDAT looking for tRNS (palette or colour-key transparency).
  let offset = 8
  while (offset + 8 <= bytes.length) {
    const length =
      ((bytes[offset] ?? 0) << 24) |
      ((bytes[offset + 1] ?? 0) << 16) |
      ((bytes[offset + 2] ?? 0) << 8) |
      (bytes[offset + 3] ?? 0)
    const type = String.fromCharCode(
      bytes[offset + 4] ?? 0,
      bytes[offset + 5] ?? 0,
      bytes[offset + 6] ?? 0,
      bytes[offset + 7] ?? 0
    )
    if (type === 'tRNS') return true
    if (type === 'IDAT' || type === 'IEND' || length < 0) return false
    offset += 12 + length
  }
  return false
}
