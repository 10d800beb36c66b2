/**
 * @module
 * Turns a stored compact turn back into a history turn by putting the image bytes where its
 * pointers say. Results must be the exact bytes Gemini returned (`original` when an image was
 * scaled for Figma), or Gemini rejects the turn's signature.
 */
import type { CompactTurn, Turn } from './api'

export interface TurnImages {
  /** The references sent with that request, in order. */
  references: readonly { mimeType: string; data: string }[]
  /** The images that request returned, in order, exact bytes. */
  results: readonly { mimeType: string; data: string }[]
}

type InputMime = Extract<Turn['parts'][number], { inlineData: unknown }>['inlineData']['mimeType']

/** Rebuilds one turn; returns `undefined` when a pointed-at image is missing. */
export function expandTurn(
  role: Turn['role'],
  turn: CompactTurn,
  images: TurnImages
): Turn | undefined {
  const parts: Turn['parts'] = []
  for (const part of turn.parts) {
    const signature =
      part.thoughtSignature === undefined ? {} : { thoughtSignature: part.thoughtSignature }
    if ('text' in part) {
      parts.push({ text: part.text, ...signature })
      continue
    }
    const source = part.image.from === 'reference' ? images.references : images.results
    const image = source[part.image.index]
    if (image === undefined) return undefined
    parts.push({
      inlineData: { mimeType: image.mimeType as InputMime, data: image.data },
      ...signature,
    })
  }
  return { role, parts }
}
