/** The type and pixel size Figma's `createImage` would see, read from the file header. */
export function readImageSize(
  bytes: Uint8Array
): { type: 'png' | 'jpeg' | 'gif'; width: number; height: number } | null {
  const at = (i: number): number => bytes[i] ?? 0
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47 && bytes.length >= 24) {
    const u32 = (i: number): number =>
      ((at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3)) >>> 0
    return { type: 'png', width: u32(16), height: u32(20) }
  }
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && bytes.length >= 10) {
    return { type: 'gif', width: at(6) | (at(7) << 8), height: at(8) | (at(9) << 8) }
  }
  if (at(0) === 0xff && at(1) === 0xd8) {
    let offset = 2
    while (offset + 9 < bytes.length) {
      if (at(offset) !== 0xff) return null
      const marker = at(offset + 1)
      const length = (at(offset + 2) << 8) | at(offset + 3)
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (
        marker >= 0xc0 &&
        marker <= 0xcf &&
        marker !== 0xc4 &&
        marker !== 0xc8 &&
        marker !== 0xcc
      ) {
        return {
          type: 'jpeg',
          height: (at(offset + 5) << 8) | at(offset + 6),
          width: (at(offset + 7) << 8) | at(offset + 8),
        }
      }
      offset += 2 + length
    }
  }
  return null
}
