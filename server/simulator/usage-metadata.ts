/**
 * @module
 * Token counts shaped like Gemini's `usageMetadata`, from the published per-image output tokens.
 */
import type { ImageSize } from '../../protocol/api'
import type { ModelSpec } from '../gemini/model-specs'
import { outputTokensPerImage } from '../gemini/model-specs'

// Gemini bills each input image up to 384 px a side as 258 tokens; the simulator charges every
// image that flat rate rather than tiling larger ones.
const TOKENS_PER_INPUT_IMAGE = 258

export interface UsageMetadata {
  promptTokenCount: number
  candidatesTokenCount?: number
  thoughtsTokenCount?: number
  totalTokenCount: number
  promptTokensDetails: { modality: 'TEXT' | 'IMAGE'; tokenCount: number }[]
  candidatesTokensDetails?: { modality: 'TEXT' | 'IMAGE'; tokenCount: number }[]
}

export interface UsageInput {
  spec: ModelSpec
  imageSize: ImageSize | undefined
  textChars: number
  inputImages: number
  /** What the reply holds: an image, only text, or nothing (blocked). */
  output: { kind: 'image' } | { kind: 'text'; chars: number } | { kind: 'none' }
  /** Any deterministic number between 0 and 255, to vary the thinking tokens. */
  jitter: number
}

/** The `usageMetadata` of one reply. */
export function buildUsageMetadata(input: UsageInput): UsageMetadata {
  const { spec, output } = input
  const textTokens = Math.ceil(input.textChars / 4)
  const imageTokens = input.inputImages * TOKENS_PER_INPUT_IMAGE
  const promptTokensDetails: UsageMetadata['promptTokensDetails'] = [
    { modality: 'TEXT', tokenCount: textTokens },
  ]
  if (imageTokens > 0) promptTokensDetails.push({ modality: 'IMAGE', tokenCount: imageTokens })
  const promptTokenCount = textTokens + imageTokens
  if (output.kind === 'none') {
    return { promptTokenCount, totalTokenCount: promptTokenCount, promptTokensDetails }
  }
  const candidatesTokenCount =
    output.kind === 'image'
      ? outputTokensPerImage(spec, input.imageSize)
      : Math.ceil(output.chars / 4)
  const thoughtsTokenCount = spec.series === '3' ? 100 + (input.jitter % 200) : 0
  const usage: UsageMetadata = {
    promptTokenCount,
    candidatesTokenCount,
    totalTokenCount: promptTokenCount + candidatesTokenCount + thoughtsTokenCount,
    promptTokensDetails,
    candidatesTokensDetails: [
      { modality: output.kind === 'image' ? 'IMAGE' : 'TEXT', tokenCount: candidatesTokenCount },
    ],
  }
  if (spec.series === '3') usage.thoughtsTokenCount = thoughtsTokenCount
  return usage
}
