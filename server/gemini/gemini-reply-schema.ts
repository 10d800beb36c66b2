/**
 * @module
 * What Peel needs from Gemini's `GenerateContentResponse`, validated: Gemini's output is
 * untrusted input like any other.
 */
import { z } from 'zod'
import { Base64DataSchema } from '../images/base64-bytes'

const PartSchema = z.object({
  text: z.string().optional(),
  // Checked here so the reply writer can put image data into JSON without escaping it.
  inlineData: z.object({ mimeType: z.string(), data: Base64DataSchema }).optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
})

const count = z.number().int().nonnegative().optional()

export const GeminiReplySchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(PartSchema).optional() }).optional(),
        finishReason: z.string().optional(),
        finishMessage: z.string().optional(),
      })
    )
    .optional(),
  promptFeedback: z
    .object({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() })
    .optional(),
  usageMetadata: z
    .object({
      promptTokenCount: count,
      candidatesTokenCount: count,
      thoughtsTokenCount: count,
      totalTokenCount: count,
    })
    .optional(),
  responseId: z.string().optional(),
  modelVersion: z.string().optional(),
})
export type GeminiReply = z.infer<typeof GeminiReplySchema>
export type GeminiPart = z.infer<typeof PartSchema>
