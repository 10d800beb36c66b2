/**
 * @module
 * Shapes a generation as Gemini's `GenerateContentResponse`: one object for `generateContent`,
 * a list of chunks for `streamGenerateContent`.
 */
import type { ModelSpec } from '../gemini/model-specs'
import type { Generation } from './render-generation'
import { signThought } from './thought-signature'
import type { UsageMetadata } from './usage-metadata'

export interface ResponseMeta {
  spec: ModelSpec
  responseId: string
}

export interface ResponsePart {
  text?: string
  inlineData?: { mimeType: string; data: string }
  thought?: true
  thoughtSignature?: string
}

export interface ContentResponse {
  candidates?: {
    content?: { role: 'model'; parts?: ResponsePart[] }
    finishReason?: string
    finishMessage?: string
    index: number
  }[]
  promptFeedback?: { blockReason: string }
  usageMetadata: UsageMetadata | Pick<UsageMetadata, 'promptTokenCount' | 'totalTokenCount'>
  modelVersion: string
  responseId: string
}

function thoughtParts(generation: Generation): ResponsePart[] {
  const parts: ResponsePart[] = []
  if (generation.thoughtText !== undefined)
    parts.push({ text: generation.thoughtText, thought: true })
  for (const data of generation.thoughtImages) {
    parts.push({ inlineData: { mimeType: 'image/jpeg', data }, thought: true })
  }
  return parts
}

// 3-series models sign every final image, and the first text part when an image follows it;
// thought parts are never signed.
function finalParts(spec: ModelSpec, generation: Generation): ResponsePart[] {
  const signs = spec.series === '3'
  const parts: ResponsePart[] = []
  const { text, image } = generation
  if (text !== undefined) {
    const signed = signs && image !== undefined
    parts.push(signed ? { text, thoughtSignature: signThought({ kind: 'text', text }) } : { text })
  }
  if (image !== undefined) {
    const inlineData = { mimeType: 'image/png', data: image }
    parts.push(
      signs
        ? { inlineData, thoughtSignature: signThought({ kind: 'image', data: image }) }
        : { inlineData }
    )
  }
  return parts
}

/** The single reply of `generateContent`; thoughts only when the request asked for them. */
export function buildUnaryResponse(meta: ResponseMeta, generation: Generation): ContentResponse {
  const parts = [...thoughtParts(generation), ...finalParts(meta.spec, generation)]
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: generation.usage,
    modelVersion: meta.spec.id,
    responseId: meta.responseId,
  }
}

/**
 * The chunks of `streamGenerateContent`: thoughts first, one part per chunk (a whole image is one
 * chunk, as Google sends it), and `finishReason` with the full usage on the last.
 */
export function buildStreamChunks(meta: ResponseMeta, generation: Generation): ContentResponse[] {
  const parts = [...thoughtParts(generation), ...finalParts(meta.spec, generation)]
  const { promptTokenCount, promptTokensDetails } = generation.usage
  const partialUsage = { promptTokenCount, totalTokenCount: promptTokenCount, promptTokensDetails }
  return parts.map((part, i) => {
    const last = i === parts.length - 1
    return {
      candidates: [
        {
          content: { role: 'model', parts: [part] },
          ...(last ? { finishReason: 'STOP' } : {}),
          index: 0,
        },
      ],
      usageMetadata: last ? generation.usage : partialUsage,
      modelVersion: meta.spec.id,
      responseId: meta.responseId,
    }
  })
}
