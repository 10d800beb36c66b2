/**
 * @module
 * Makes everything a successful reply carries: thoughts, text, the image and its token counts.
 */
import { createHash } from 'node:crypto'
import type { ModelSpec } from '../gemini/model-specs'
import { stripDirectives } from './parse-directives'
import type { RenderCache } from './render-cache'
import { renderImage } from './render-image'
import type { RenderOptions } from './render-image'
import type { OutputPlan } from './resolve-output'
import type { UsageMetadata } from './usage-metadata'
import { buildUsageMetadata } from './usage-metadata'
import type { ValidRequest } from './validate-request'

/** The content of one successful reply, before it is shaped for unary or streaming. */
export interface Generation {
  thoughtText: string | undefined
  /** Base64 JPEGs of the interim images 3-series models show while thinking. */
  thoughtImages: string[]
  text: string | undefined
  /** Base64 PNG, or `undefined` when the request asked for text only. */
  image: string | undefined
  usage: UsageMetadata
}

export interface GenerationInput {
  spec: ModelSpec
  request: ValidRequest
  plan: OutputPlan
  seed: number | undefined
  withThoughts: boolean
  /** When set, identical renders are served from it. */
  cache?: RenderCache
}

function seedOf(input: GenerationInput, prompt: string): Buffer {
  const hash = createHash('sha256').update(input.spec.id).update('\0').update(prompt)
  for (const image of input.request.images) hash.update('\0').update(image.bytes)
  if (input.seed !== undefined) hash.update(`\0seed=${input.seed}`)
  return hash.digest()
}

// The seed already hashes the model, the prompt and every input image's bytes; the MIME types
// decide which input (if any) the image is drawn from, so they join the key too.
function cachedRender(input: GenerationInput, options: RenderOptions): Promise<Buffer> {
  const { cache } = input
  if (cache === undefined) return renderImage(options)
  const { width, height, seed, label, format } = options
  const types = input.request.images.map((image) => image.mimeType).join(',')
  const key = `${seed.toString('hex')}|${width}x${height}|${format}|${types}|${label}`
  return cache.getOrRender(key, () => renderImage(options))
}

/** Renders the reply content; identical inputs give byte-identical images. */
export async function renderGeneration(input: GenerationInput): Promise<Generation> {
  const { spec, request, plan } = input
  const prompt = request.userTexts.map(stripDirectives).join('\n')
  const seed = seedOf(input, prompt)
  const thinks = spec.series === '3' && input.withThoughts
  const shown = prompt.length > 60 ? `${prompt.slice(0, 57)}...` : prompt
  const text = request.wantsText
    ? `Here is a simulated ${plan.width}×${plan.height} image for "${shown}".`
    : undefined
  const base = { width: plan.width, height: plan.height, input: plan.source }
  const thoughtCount = thinks && request.wantsImage ? 1 + ((seed[3] ?? 0) & 1) : 0
  const thoughtSizes = {
    width: Math.max(1, Math.round(plan.width / 2)),
    height: Math.max(1, Math.round(plan.height / 2)),
  }
  const [image, ...thoughtImages] = await Promise.all([
    request.wantsImage
      ? cachedRender(input, { ...base, seed, label: `SIMULATED · ${spec.id}`, format: 'png' })
      : undefined,
    ...Array.from({ length: thoughtCount }, (_, i) =>
      cachedRender(input, {
        ...base,
        ...thoughtSizes,
        seed: createHash('sha256').update(seed).update(`thought ${i}`).digest(),
        label: `SIMULATED THOUGHT ${i + 1} · ${spec.id}`,
        format: 'jpeg',
      })
    ),
  ])
  return {
    thoughtText: thinks
      ? `**Planning the image**\n\nSimulated thinking: composing a ${plan.aspectRatio} image at ${plan.width}×${plan.height} from ${request.images.length} input image(s).`
      : undefined,
    thoughtImages: thoughtImages.map((b) => b.toString('base64')),
    text,
    image: image?.toString('base64'),
    usage: buildUsageMetadata({
      spec,
      imageSize: plan.imageSize,
      textChars: request.textChars,
      inputImages: request.allImageCount,
      output: request.wantsImage ? { kind: 'image' } : { kind: 'text', chars: text?.length ?? 0 },
      jitter: seed[4] ?? 0,
    }),
  }
}
