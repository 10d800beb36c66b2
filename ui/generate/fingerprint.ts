/**
 * A short fingerprint of some bytes (FNV-1a and length), to tell later whether a layer still
 * exports the same reference. Not cryptographic: it only has to notice a change.
 */
export function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193)
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${bytes.length.toString(16)}`
}
