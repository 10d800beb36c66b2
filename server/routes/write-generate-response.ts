/**
 * @module
 * Writes a `GenerateResponse` as JSON without passing megabytes of base64 through
 * `JSON.stringify`, which costs about 4 ms per 600 kB image on Node 20 just to find that nothing
 * needs escaping.
 */
import type { GeneratedImage, GenerateResponse, ImageData } from '../../protocol/api'

// `data` is base64 (checked by GeminiReplySchema, or written by Buffer#toString('base64')), so it
// holds no character JSON would escape.
function writeImage(image: ImageData | GeneratedImage): string {
  const original =
    'original' in image && image.original !== undefined
      ? `,"original":${writeImage(image.original)}`
      : ''
  return `{"mimeType":${JSON.stringify(image.mimeType)},"data":"${image.data}","width":${image.width},"height":${image.height}${original}}`
}

export function writeGenerateResponse({ images, ...rest }: GenerateResponse): string {
  const head = JSON.stringify(rest)
  return `{"images":[${images.map(writeImage).join(',')}],${head.slice(1)}`
}
