/**
 * @module
 * Reads Gemini's streamed reply: thought text and interim images become events as they arrive,
 * and the final parts are gathered into one reply shaped like `generateContent`'s.
 */
import sharp from 'sharp'
import type { ImageData } from '../../protocol/api'
import type { GenerationEvent } from './generation-event'
import { GeminiReplySchema } from './gemini-reply-schema'
import type { GeminiPart, GeminiReply } from './gemini-reply-schema'

/** Previews are for watching, not placing: small JPEGs keep each event a few kB. */
const PREVIEW_MAX_SIDE = 512

async function toPreview(data: string): Promise<ImageData> {
  const { data: jpeg, info } = await sharp(Buffer.from(data, 'base64'))
    .resize({ width: PREVIEW_MAX_SIDE, height: PREVIEW_MAX_SIDE, fit: 'inside' })
    .jpeg({ quality: 70 })
    .toBuffer({ resolveWithObject: true })
  return {
    mimeType: 'image/jpeg',
    data: jpeg.toString('base64'),
    width: info.width,
    height: info.height,
  }
}

export async function readStream(
  chunks: AsyncIterable<unknown>,
  emit: (event: GenerationEvent) => void,
  attempt: number,
  previews = true
): Promise<GeminiReply> {
  const finalParts: GeminiPart[] = []
  let merged: GeminiReply = {}
  let stage: 'thinking' | 'drafting' | undefined
  for await (const chunk of chunks) {
    const parsed = GeminiReplySchema.safeParse(chunk)
    // An unreadable chunk is kept as-is so readGeminiReply reports it like a unary reply.
    if (!parsed.success) return chunk as GeminiReply
    const { candidates, ...rest } = parsed.data
    merged = { ...merged, ...rest }
    const candidate = candidates?.[0]
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thought !== true) {
        finalParts.push(part)
      } else if (part.text !== undefined) {
        if (stage === undefined) emit({ type: 'progress', stage: (stage = 'thinking'), attempt })
        emit({ type: 'thought', text: part.text })
      } else if (part.inlineData !== undefined && previews) {
        if (stage !== 'drafting') emit({ type: 'progress', stage: (stage = 'drafting'), attempt })
        emit({ type: 'preview', image: await toPreview(part.inlineData.data) })
      }
    }
    if (candidate?.finishReason !== undefined) {
      merged.candidates = [{ finishReason: candidate.finishReason, content: { parts: finalParts } }]
    }
  }
  merged.candidates ??= finalParts.length > 0 ? [{ content: { parts: finalParts } }] : undefined
  return merged
}
