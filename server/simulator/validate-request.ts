/**
 * @module
 * The request rules Gemini's image models enforce before generating, with Google's wording.
 */
import type { AspectRatio, ImageSize } from '../../protocol/api'
import { Base64Schema, INPUT_MIME_TYPES } from '../../protocol/api'
import type { ModelSpec } from '../gemini/model-specs'
import { checkSignatures } from './check-signatures'
import type { GenerateContentRequest } from './request-schema'

/** A user image, already known to be base64 of an accepted type. */
export interface InputImage {
  mimeType: string
  bytes: Buffer
}

/** What a valid request asks the simulator to make. */
export interface ValidRequest {
  images: InputImage[]
  /** Images across all turns, model turns included: each is billed as input again. */
  allImageCount: number
  /** Every user text part, directives included, in order. */
  userTexts: string[]
  /** Characters of text across all contents and the system instruction, for token counts. */
  textChars: number
  aspectRatio: AspectRatio | undefined
  imageSize: ImageSize | undefined
  wantsImage: boolean
  wantsText: boolean
  includeThoughts: boolean
}

export type ValidationResult = { ok: true; value: ValidRequest } | { ok: false; message: string }

const FIELD = '* GenerateContentRequest'
// A part must carry exactly one kind of data; `thought` and `thoughtSignature` don't count.
const DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const

function byRatio(a: string, b: string): number {
  const [aw = 0, ah = 0] = a.split(':').map(Number)
  const [bw = 0, bh = 0] = b.split(':').map(Number)
  return aw - bw || ah - bh
}

function quoteList(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`)
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1) ?? ''}`
}

function checkImageConfig(
  spec: ModelSpec,
  request: GenerateContentRequest
): string | { aspectRatio?: AspectRatio; imageSize?: ImageSize } {
  const config = request.generationConfig?.imageConfig ?? {}
  const { aspectRatio, imageSize } = config
  const at = `${FIELD}.generation_config.image_config`
  if (aspectRatio !== undefined && !spec.aspectRatios.some((r) => r === aspectRatio)) {
    return `${at}.aspect_ratio: aspect_ratio must be one of ${quoteList([...spec.aspectRatios].sort(byRatio))}.\n`
  }
  if (imageSize !== undefined && spec.imageSizes.length === 0) {
    return `${at}.image_size: image_size is not supported by models/${spec.id}.\n`
  }
  if (imageSize !== undefined && !spec.imageSizes.some((s) => s === imageSize)) {
    return `${at}.image_size: image_size must be one of ${quoteList(spec.imageSizes)}.\n`
  }
  return {
    aspectRatio: aspectRatio as AspectRatio | undefined,
    imageSize: imageSize as ImageSize | undefined,
  }
}

function checkContents(
  spec: ModelSpec,
  request: GenerateContentRequest
): string | { images: InputImage[]; all: number } {
  if (request.contents.length === 0) return `${FIELD}.contents: contents is not specified\n`
  const images: InputImage[] = []
  let all = 0
  for (const [c, content] of request.contents.entries()) {
    const role = content.role ?? 'user'
    if (role !== 'user' && role !== 'model') return 'Please use a valid role: user, model.'
    if (content.parts.length === 0) {
      return `${FIELD}.contents[${c}].parts: contents.parts must not be empty.\n`
    }
    for (const [p, part] of content.parts.entries()) {
      const at = `contents[${c}].parts[${p}]`
      const { inlineData } = part
      if (DATA_FIELDS.every((field) => part[field] === undefined)) {
        return `${FIELD}.${at}.data: required oneof field 'data' must have one initialized field\n`
      }
      if (inlineData === undefined) continue
      if (!INPUT_MIME_TYPES.some((m) => m === inlineData.mimeType)) {
        return `Unsupported MIME type: ${inlineData.mimeType}`
      }
      if (!Base64Schema.safeParse(inlineData.data).success) {
        const head = inlineData.data.slice(0, 16)
        return `Invalid value at '${at}.inline_data.data' (TYPE_BYTES), Base64 decoding failed for "${head}"`
      }
      all++
      if (role === 'user') {
        images.push({
          mimeType: inlineData.mimeType,
          bytes: Buffer.from(inlineData.data, 'base64'),
        })
      }
    }
  }
  if (images.length > spec.maxReferences) {
    return `Too many input images: models/${spec.id} accepts at most ${spec.maxReferences} images per request, but the request has ${images.length}.`
  }
  return { images, all }
}

function collectTexts(request: GenerateContentRequest): { userTexts: string[]; chars: number } {
  const userTexts: string[] = []
  let chars = 0
  const contents = [
    ...request.contents,
    ...(request.systemInstruction ? [request.systemInstruction] : []),
  ]
  for (const content of contents) {
    for (const part of content.parts) {
      if (part.text === undefined || part.thought === true) continue
      chars += part.text.length
      if ((content.role ?? 'user') === 'user' && content !== request.systemInstruction) {
        userTexts.push(part.text)
      }
    }
  }
  return { userTexts, chars }
}

/** Applies Gemini's rules for `spec` to a schema-valid request. */
export function validateRequest(
  spec: ModelSpec,
  request: GenerateContentRequest
): ValidationResult {
  const config = request.generationConfig
  if (config?.candidateCount !== undefined && config.candidateCount > 1) {
    return { ok: false, message: `Multiple candidates is not enabled for models/${spec.id}` }
  }
  const modalities = config?.responseModalities ?? ['TEXT', 'IMAGE']
  const unsupported = modalities.find((m) => m !== 'TEXT' && m !== 'IMAGE')
  if (unsupported !== undefined) {
    return {
      ok: false,
      message: `Model does not support the requested response modalities: ${unsupported.toLowerCase()}`,
    }
  }
  const imageConfig = checkImageConfig(spec, request)
  if (typeof imageConfig === 'string') return { ok: false, message: imageConfig }
  const inputs = checkContents(spec, request)
  if (typeof inputs === 'string') return { ok: false, message: inputs }
  if (spec.series === '3') {
    const signatureProblem = checkSignatures(request.contents)
    if (signatureProblem !== undefined) return { ok: false, message: signatureProblem }
  }
  const { userTexts, chars } = collectTexts(request)
  return {
    ok: true,
    value: {
      images: inputs.images,
      allImageCount: inputs.all,
      userTexts,
      textChars: chars,
      aspectRatio: imageConfig.aspectRatio,
      imageSize: imageConfig.imageSize,
      wantsImage: modalities.includes('IMAGE'),
      wantsText: modalities.includes('TEXT'),
      includeThoughts: config?.thinkingConfig?.includeThoughts === true,
    },
  }
}
