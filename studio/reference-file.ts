/**
 * @module
 * A file the person adds, made into a reference: decoded by the browser, scaled down to the long
 * edge the model can use (the plugin's rule), and encoded again, PNG where it was PNG (it may be
 * transparent) and JPEG otherwise.
 */
import { bytesToBase64 } from '../client/base64'
import { REFERENCE_LONG_EDGE } from '../protocol/reference-size'

export interface StudioReference {
  id: string
  name: string
  mimeType: 'image/png' | 'image/jpeg'
  data: string
  width: number
  height: number
  role: 'subject' | 'style'
}

let next = 0

/** The reference made from `file`, or a sentence saying why it cannot be one. */
export async function readReference(file: File): Promise<StudioReference | { error: string }> {
  const refused = {
    error: `“${file.name}” is not an image Peel can read. Add a PNG, JPEG or WebP file.`,
  }
  if (!file.type.startsWith('image/')) return refused
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return refused
  }
  const scale = Math.min(1, REFERENCE_LONG_EDGE / Math.max(bitmap.width, bitmap.height))
  const width = Math.max(1, Math.round(bitmap.width * scale))
  const height = Math.max(1, Math.round(bitmap.height * scale))
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d')
  if (context === null) return refused
  context.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  const mimeType = file.type === 'image/png' ? 'image/png' : 'image/jpeg'
  const blob = await canvas.convertToBlob({ type: mimeType, quality: 0.9 })
  const data = bytesToBase64(new Uint8Array(await blob.arrayBuffer()))
  next += 1
  return {
    id: `ref-${String(next)}`,
    name: file.name,
    mimeType,
    data,
    width,
    height,
    role: 'subject',
  }
}
