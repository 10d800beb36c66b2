/**
 * @module
 * What Peel needs from Gemini's `GenerateContentResponse`, validated: Gemini's output is
 * untrusted input like any other.
 */
import { z } from 'zod'
import { Base64Schema } from '../../protocol/api'

const PartSchema = z.object({
  text: z.string().optional(),
  inlineData: z.object({ mimeType: z.string(), data: Base64Schema }).optional(),
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
