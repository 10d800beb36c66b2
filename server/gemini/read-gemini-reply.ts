/**
 * @module
 * Pulls the final images out of a Gemini reply, or explains why there are none. A 200 from Gemini
 * can still hold no image (a safety block, NO_IMAGE); that is an error here, never an empty success.
 */
import type { CompactTurn, Usage } from '../../protocol/api'
import { AppError } from '../errors'
import { GeminiReplySchema } from './gemini-reply-schema'

export interface ModelImage {
  mimeType: string
  data: string
}

export interface ModelOutput {
  images: ModelImage[]
  /** The model's final parts in order, images replaced by their index in `images`. */
  turn: CompactTurn
  text?: string
  finishReason: string
  usage: Usage
}

// Finish reasons that mean Gemini withheld the output on purpose, as opposed to failing to make it.
const BLOCKED = new Set([
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_RECITATION',
])

function excerpt(text: string | undefined): string {
  if (text === undefined || text.trim() === '') return ''
  const short = text.trim().slice(0, 300)
  return ` The model said: "${short}${text.length > 300 ? '…' : ''}"`
}

/** Validates a reply and returns its non-thought images; throws `AppError` when there are none. */
export function readGeminiReply(reply: unknown): ModelOutput {
  const parsed = GeminiReplySchema.safeParse(reply)
  if (!parsed.success) {
    throw new AppError('upstream_error', 'Gemini sent a reply Peel could not read. Try again.', {
      logFields: { cause: 'reply failed validation', issues: parsed.error.issues.length },
    })
  }
  const { candidates, promptFeedback, usageMetadata } = parsed.data
  const blockReason = promptFeedback?.blockReason
  if (blockReason !== undefined) {
    throw new AppError(
      'content_blocked',
      `Gemini blocked the prompt (${blockReason}). Rephrase the prompt or change the references and try again.`
    )
  }
  const candidate = candidates?.[0]
  const parts = candidate?.content?.parts ?? []
  const finishReason = candidate?.finishReason ?? 'FINISH_REASON_UNSPECIFIED'
  // Thought images are interim drafts; only the final, non-thought parts are results.
  const final = parts.filter((part) => part.thought !== true)
  const images = final.flatMap((part) => (part.inlineData === undefined ? [] : [part.inlineData]))
  const text = final.flatMap((part) => (part.text === undefined ? [] : [part.text])).join('\n')
  if (images.length === 0) {
    if (BLOCKED.has(finishReason)) {
      throw new AppError(
        'content_blocked',
        `Gemini withheld the image for safety reasons (${finishReason}). Rephrase the prompt or change the references and try again.`
      )
    }
    throw new AppError(
      'upstream_error',
      `The model returned no image (${finishReason}). Try again, or make the prompt ask for an image more directly.${excerpt(text)}`
    )
  }
  const usage: Usage = {
    promptTokens: usageMetadata?.promptTokenCount ?? 0,
    outputTokens: usageMetadata?.candidatesTokenCount ?? 0,
    thoughtsTokens: usageMetadata?.thoughtsTokenCount ?? 0,
    totalTokens: usageMetadata?.totalTokenCount ?? 0,
  }
  let imageIndex = 0
  const turn: CompactTurn = {
    parts: final.flatMap((part): CompactTurn['parts'] => {
      const signature =
        part.thoughtSignature === undefined ? {} : { thoughtSignature: part.thoughtSignature }
      if (part.inlineData !== undefined) {
        return [{ image: { from: 'result', index: imageIndex++ }, ...signature }]
      }
      return part.text === undefined ? [] : [{ text: part.text, ...signature }]
    }),
  }
  return { images, turn, text: text === '' ? undefined : text, finishReason, usage }
}
