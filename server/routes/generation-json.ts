/**
 * @module
 * A generation's reply as JSON bytes, with each image's base64 copied in as it is. Base64 needs no
 * JSON escaping, yet `JSON.stringify` scans every character of it for some: for a 1K result's
 * 0.6 MB that is 1.2–2.0 ms, against 0.3 ms here (Node 20, this repo's 2-core VM), on the path
 * of every reply. Every `data` here is base64: checked in Gemini's reply, written by
 * `Buffer#toString('base64')`, or checked when read back from Redis.
 */
import type { GenerateResponse, GeneratedImage, ImageData } from '../../protocol/api'

function imageJson({ data, ...rest }: ImageData, pieces: Buffer[]): void {
  pieces.push(
    Buffer.from(`${JSON.stringify(rest).slice(0, -1)},"data":"`),
    Buffer.from(data, 'latin1')
  )
}

/** `JSON.stringify(body)` in meaning (the key order differs), as the bytes to send. */
export function generationJson({ images, ...rest }: GenerateResponse): Buffer<ArrayBuffer> {
  const pieces: Buffer[] = [Buffer.from('{"images":[')]
  images.forEach(({ original, ...image }: GeneratedImage, index) => {
    if (index > 0) pieces.push(Buffer.from(','))
    imageJson(image, pieces)
    if (original === undefined) pieces.push(Buffer.from('"}'))
    else {
      pieces.push(Buffer.from('","original":'))
      imageJson(original, pieces)
      pieces.push(Buffer.from('"}}'))
    }
  })
  pieces.push(Buffer.from(`],${JSON.stringify(rest).slice(1)}`))
  return Buffer.concat(pieces)
}
