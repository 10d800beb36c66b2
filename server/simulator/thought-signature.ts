/**
 * @module
 * Thought signatures the simulator can check. Google's are opaque; these are an HMAC over the part
 * they sit on, so a signature copied onto another part, or made up, fails like a forged one would.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

// A fixed key keeps signatures valid across simulator restarts, as Google's stay valid for a
// stored conversation. Nothing here is secret: the point is only to tell genuine from altered.
const KEY = 'peel-simulator-thought-signature-v1'

/** What a signature covers: the image bytes (as sent, base64) or the text of the part. */
export type SignedContent = { kind: 'image'; data: string } | { kind: 'text'; text: string }

function digest(content: SignedContent): Buffer {
  const hash = createHash('sha256')
  if (content.kind === 'image') hash.update('image\0').update(content.data)
  else hash.update('text\0').update(content.text)
  return createHmac('sha256', KEY).update(hash.digest()).digest()
}

/** The base64 signature the simulator attaches to a final part. */
export function signThought(content: SignedContent): string {
  return digest(content).toString('base64')
}

/** Whether `signature` was issued by `signThought` for exactly this content. */
export function isGenuineSignature(signature: string, content: SignedContent): boolean {
  const given = Buffer.from(signature, 'base64')
  const expected = digest(content)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
