/**
 * @module
 * Gemini 3's rule for multi-turn requests: earlier model turns must come back with the thought
 * signatures they were sent with. Google answers 400 when one is missing; the simulator also
 * rejects signatures it never issued, since a real one cannot be made up either.
 */
import type { RequestContent, RequestPart } from './request-schema'
import { isGenuineSignature, type SignedContent } from './thought-signature'

function signedContent(part: RequestPart): SignedContent | undefined {
  if (part.inlineData !== undefined) return { kind: 'image', data: part.inlineData.data }
  if (part.text !== undefined) return { kind: 'text', text: part.text }
  return undefined
}

function checkModelTurn(
  parts: readonly RequestPart[],
  contentPosition: number
): string | undefined {
  const firstImage = parts.findIndex((p) => p.inlineData !== undefined && p.thought !== true)
  const firstText = parts.findIndex((p) => p.text !== undefined && p.thought !== true)
  for (const [index, part] of parts.entries()) {
    if (part.thought === true) continue
    const content = signedContent(part)
    if (content === undefined) continue
    const required =
      content.kind === 'image' || (index === firstText && firstImage !== -1 && index < firstImage)
    const where = `content position ${contentPosition}, part position ${index + 1}.`
    if (part.thoughtSignature === undefined) {
      if (!required) continue
      const kind = content.kind === 'image' ? 'Image' : 'Text'
      return `${kind} part is missing a thought_signature in ${where}`
    }
    if (!isGenuineSignature(part.thoughtSignature, content)) {
      return `Thought signature is not valid in ${where} Send back parts exactly as the model returned them.`
    }
  }
  return undefined
}

/** The first signature problem in `contents`, in Google's wording, or `undefined`. */
export function checkSignatures(contents: readonly RequestContent[]): string | undefined {
  for (const [index, content] of contents.entries()) {
    if (content.role !== 'model') continue
    const problem = checkModelTurn(content.parts, index + 1)
    if (problem !== undefined) return problem
  }
  return undefined
}
