// Chunks keep String.fromCharCode's argument list under engine limits on multi-megabyte images.
const CHUNK = 0x8000

/** Standard padded base64 of some bytes, as the Peel API wants reference images. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}

/** The bytes of a base64 string, decoded once into a typed array (no intermediate number[]). */
export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
