/**
 * @module
 * Turns a Peel request into Gemini `contents` and `config`. Style references are introduced in
 * words, because Gemini has no field for an image's role: only the text around it tells the model
 * to borrow the look and leave the content.
 */
import type { Content, GenerateContentConfig, Part } from '@google/genai'
import type { CompactTurn, GenerateRequest, Reference, Turn } from '../../protocol/api'
import type { ModelSpec } from './model-specs'

function label(reference: Reference, index: number): string {
  const name = reference.name === undefined ? '' : ` ("${reference.name.replace(/"/g, "'")}")`
  return `Image ${index + 1}${name}`
}

function introduce(reference: Reference, index: number): string {
  return reference.role === 'style'
    ? `${label(reference, index)} is a style reference. Use only its visual style (colour ` +
        'palette, lighting, texture, typography and rendering technique), not its subject, ' +
        'content or layout:'
    : `${label(reference, index)} is a subject reference to show or edit:`
}

function instruction(request: GenerateRequest): string {
  const styles = request.references.flatMap((ref, index) =>
    ref.role === 'style' ? [index + 1] : []
  )
  if (styles.length === 0) return request.prompt
  const which = styles.length === 1 ? `image ${styles[0] ?? ''}` : `images ${styles.join(' and ')}`
  return `${request.prompt}\n\nRender the result in the visual style of ${which}, without copying their content.`
}

/** The new user turn without image bytes: what a client stores to continue the conversation. */
export function compactUserTurn(request: GenerateRequest): CompactTurn {
  const parts: CompactTurn['parts'] = request.references.flatMap((reference, index) => [
    { text: introduce(reference, index) },
    { image: { from: 'reference' as const, index } },
  ])
  parts.push({ text: instruction(request) })
  return { parts }
}

// Earlier turns go back verbatim: Gemini checks each model part's signature against its content.
function toContent(turn: Turn): Content {
  return {
    role: turn.role,
    parts: turn.parts.map((part): Part => ({ ...part })),
  }
}

/** The `generateContent` arguments for one request; the model itself is passed separately. */
export function buildGeminiRequest(
  request: GenerateRequest,
  spec: ModelSpec
): { contents: Content[]; config: GenerateContentConfig } {
  const parts: Part[] = compactUserTurn(request).parts.map((part) => {
    if ('text' in part) return { text: part.text }
    const reference = request.references[part.image.index]
    return {
      inlineData: {
        mimeType: reference?.mimeType,
        data: reference?.data,
      },
    }
  })
  const imageConfig: NonNullable<GenerateContentConfig['imageConfig']> = {}
  if (request.aspectRatio !== undefined) imageConfig.aspectRatio = request.aspectRatio
  if (request.imageSize !== undefined && spec.imageSizes.length > 0) {
    imageConfig.imageSize = request.imageSize
  }
  return {
    contents: [...request.history.map(toContent), { role: 'user', parts }],
    config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig },
  }
}
