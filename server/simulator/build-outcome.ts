/**
 * @module
 * The 200 replies that carry no image: a blocked prompt, a filtered image, or no image at all.
 * Google sends these as successes, so clients must check for an image themselves.
 */
import type { ContentResponse, ResponseMeta } from './build-response'
import type { UsageMetadata } from './usage-metadata'

export type Outcome = 'image_safety' | 'no_image' | 'blocked_prompt'

const IMAGE_SAFETY_MESSAGE =
  "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI Prohibited Use policy. You will not be charged for blocked images. Try rephrasing the prompt. If you think this was a mistake, send feedback."

const NO_IMAGE_TEXT =
  "I'm unable to create that image. Try describing the scene differently or with more detail."

/** A reply for `outcome`; `usage` should count the prompt only. */
export function buildOutcome(
  outcome: Outcome,
  meta: ResponseMeta,
  usage: UsageMetadata
): ContentResponse {
  const common = { usageMetadata: usage, modelVersion: meta.spec.id, responseId: meta.responseId }
  switch (outcome) {
    case 'blocked_prompt':
      return { promptFeedback: { blockReason: 'SAFETY' }, ...common }
    case 'image_safety':
      return {
        candidates: [
          { finishReason: 'IMAGE_SAFETY', finishMessage: IMAGE_SAFETY_MESSAGE, index: 0 },
        ],
        ...common,
      }
    case 'no_image':
      return {
        candidates: [
          {
            content: { role: 'model', parts: [{ text: NO_IMAGE_TEXT }] },
            finishReason: 'NO_IMAGE',
            index: 0,
          },
        ],
        ...common,
      }
  }
}
