/**
 * @module
 * Turns a Peel request into Gemini `contents` and `config`. Style references are introduced in
 * words, because Gemini has no field for an image's role: only the text around it tells the model
 * to borrow the look and leave the content.
 */
import type { Content, GenerateContentConfig, Part } from '@google/genai'
import type { CompactTurn } from '../../protocol/api'
import type {
  GenerationReference,
  GenerationRequest,
  GenerationTurn,
} from '../generation/generation-request'
import type { Base64Data } from '../images/base64-bytes'
import type { ModelSpec } from './model-specs'

function label(reference: GenerationReference, index: number): string {
  const name = reference.name === undefined ? '' : ` ("${reference.name.replace(/"/g, "'")}")`
  return `Image ${index + 1}${name}`
}

function introduce(reference: GenerationReference, index: number): string {
  return reference.role === 'style'
    ? `${label(reference, index)} is a style reference. Use only its visual style (colour ` +
        'palette, lighting, texture, typography and rendering technique), not its subject, ' +
        'content or layout:'
    : `${label(reference, index)} is a subject reference to show or edit:`
}

function instruction(request: GenerationRequest): string {
  const styles = request.references.flatMap((ref, index) =>
    ref.role === 'style' ? [index + 1] : []
  )
  if (styles.length === 0) return request.prompt
  const which = styles.length === 1 ? `image ${styles[0] ?? ''}` : `images ${styles.join(' and ')}`
  return `${request.prompt}\n\nRender the result in the visual style of ${which}, without copying their content.`
}

/** The new user turn without image bytes: what a client stores to continue the conversation. */
export function compactUserTurn(request: GenerationRequest): CompactTurn {
  const parts: CompactTurn['parts'] = request.references.flatMap((reference, index) => [
    { text: introduce(reference, index) },
    { image: { from: 'reference' as const, index } },
  ])
  parts.push({ text: instruction(request) })
  return { parts }
}

/** Stands in for image data in what the SDK serialises (see BlobPipe); identity by default. */
export type PutBlob = (data: Base64Data) => string

// Earlier turns go back verbatim: Gemini checks each model part's signature against its content.
function toContent(turn: GenerationTurn, put: PutBlob): Content {
  return {
    role: turn.role,
    parts: turn.parts.map((part): Part =>
      'inlineData' in part
        ? { ...part, inlineData: { ...part.inlineData, data: put(part.inlineData.data) } }
        : { ...part }
    ),
  }
}

/** The `generateContent` arguments for one request; the model itself is passed separately. */
export function buildGeminiRequest(
  request: GenerationRequest,
  spec: ModelSpec,
  put: PutBlob = String
): { contents: Content[]; config: GenerateContentConfig } {
  const parts: Part[] = compactUserTurn(request).parts.map((part) => {
    if ('text' in part) return { text: part.text }
    const reference = request.references[part.image.index]
    return {
      inlineData: {
        mimeType: reference?.mimeType,
        data: reference === undefined ? undefined : put(reference.data),
      },
    }
  })
  const imageConfig: NonNullable<GenerateContentConfig['imageConfig']> = {}
  if (request.aspectRatio !== undefined) imageConfig.aspectRatio = request.aspectRatio
  if (request.imageSize !== undefined && spec.imageSizes.length > 0) {
    imageConfig.imageSize = request.imageSize
  }
  return {
    contents: [...request.history.map((turn) => toContent(turn, put)), { role: 'user', parts }],
    config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig },
  }
}
