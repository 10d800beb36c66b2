/**
 * @module
 * Writes a generation result as JSON bytes without passing megabytes of base64 through
 * `JSON.stringify` (about 4 ms per 600 kB image on Node 20, just to find nothing to escape) or a
 * UTF-8 encoder: base64 is ASCII, so each image's data goes out as the bytes it was cut out of (or,
 * for a string, as latin1), between short pieces of JSON.
 */
import type { GenerationResult, ResultImage } from '../generation/generation-result'

type Piece = Buffer | { text: string; encoding: 'latin1' | 'utf8' }

const latin1 = (text: string): Piece => ({ text, encoding: 'latin1' })

// `data` is base64 (checked by GeminiReplySchema, or written by Buffer#toString('base64')), so it
// holds no character JSON would escape and no byte above 0x7f.
function imagePieces(image: ResultImage, pieces: Piece[]) {
  pieces.push({ text: `{"mimeType":${JSON.stringify(image.mimeType)},"data":"`, encoding: 'utf8' })
  if (typeof image.data === 'string') pieces.push(latin1(image.data))
  else pieces.push(...image.data.parts)
  pieces.push(latin1(`","width":${image.width},"height":${image.height}`))
  if (image.original !== undefined) {
    pieces.push(latin1(',"original":'))
    imagePieces(image.original, pieces)
  }
  pieces.push(latin1('}'))
}

/**
 * The reply body as buffers in order: short JSON between the images' data, and each image's data
 * as the very bytes it is held in, so writing them one after another copies nothing.
 */
export function generateResponsePieces({ images, ...rest }: GenerationResult): Buffer[] {
  const pieces: Piece[] = [latin1('{"images":[')]
  images.forEach((image, index) => {
    if (index > 0) pieces.push(latin1(','))
    imagePieces(image, pieces)
  })
  pieces.push({ text: `],${JSON.stringify(rest).slice(1)}`, encoding: 'utf8' })
  return pieces.map((piece) =>
    Buffer.isBuffer(piece) ? piece : Buffer.from(piece.text, piece.encoding)
  )
}
