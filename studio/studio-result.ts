import type { GeneratedImage, ImageData } from '../protocol/api'

/** One finished generation, as the gallery shows it. */
export interface StudioResult {
  id: string
  prompt: string
  modelLabel: string
  images: GeneratedImage[]
  elapsedMs: number
}

/** The full-size file of an image: the original the server kept, when Figma's copy is smaller. */
export function fullSize(image: GeneratedImage): ImageData {
  return image.original ?? image
}

/** A file name for a download, from the prompt and the image's size. */
export function downloadName(result: StudioResult, index: number): string {
  const image = fullSize(
    result.images[index] ?? { mimeType: 'image/png', data: '', width: 0, height: 0 }
  )
  const words = result.prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
  const extension = image.mimeType.split('/')[1] ?? 'png'
  return `peel-${words || 'image'}-${image.width}x${image.height}.${extension}`
}
