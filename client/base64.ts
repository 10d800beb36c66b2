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

/** Said when an image in a reply is not base64: the browser's own error names no next step. */
export const DAMAGED_IMAGE_MESSAGE =
  'An image in the server’s reply arrived damaged, so Peel could not place it. Generate again.'

/**
 * The bytes of a base64 string, decoded once into a typed array (no intermediate number[]).
 * Throws an Error with `DAMAGED_IMAGE_MESSAGE` when `data` is not base64.
 */
export function base64ToBytes(data: string): Uint8Array {
  let binary: string
  try {
    binary = atob(data)
  } catch {
    throw new Error(DAMAGED_IMAGE_MESSAGE)
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
