/**
 * @module
 * Zod schemas for Peel's HTTP API: the single source of truth for the server, the UI and the tests.
 */
import { z } from 'zod'

/** Image types Gemini accepts as input (ai.google.dev, "Limitations"). */
export const INPUT_MIME_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
] as const

/** Every aspect ratio any Gemini image model accepts; each model offers a subset. */
export const ASPECT_RATIOS = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
  '1:4',
  '4:1',
  '1:8',
  '8:1',
] as const
export type AspectRatio = (typeof ASPECT_RATIOS)[number]

/** Every output size any Gemini image model accepts; each model offers a subset. */
export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const
export type ImageSize = (typeof IMAGE_SIZES)[number]

/** `GET /health` */
export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  mode: z.enum(['simulator', 'gemini', 'vertex']),
  version: z.string(),
})
export type HealthResponse = z.infer<typeof HealthResponseSchema>

/** One model in the catalogue, with the limits the UI must respect. */
export const ModelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  default: z.boolean(),
  maxReferences: z.number().int().nonnegative(),
  /**
   * Iterating continues the Gemini conversation: the model signs its turns (3-series), so earlier
   * turns go back as `history` and it keeps its context across edits.
   */
  multiTurn: z.boolean(),
  aspectRatios: z.array(z.enum(ASPECT_RATIOS)),
  imageSizes: z.array(z.enum(IMAGE_SIZES)),
})
export type ModelInfo = z.infer<typeof ModelInfoSchema>

/** `GET /v1/models` */
export const ModelsResponseSchema = z.object({ models: z.array(ModelInfoSchema) })
export type ModelsResponse = z.infer<typeof ModelsResponseSchema>

// `atob` checks the alphabet natively and exists wherever requests are parsed (Node 16+, every
// browser): 2.8 ms for 4 MB of base64 on Node 20 here, against 23 ms for the equivalent regex.
// It forgives whitespace and missing padding, which the length check rules out.
declare const atob: (data: string) => string

/** True for padded standard base64 with nothing else in it (no whitespace, quotes or breaks). */
export function isBase64(value: string): boolean {
  if (value.length === 0 || value.length % 4 !== 0) return false
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0
  try {
    return atob(value).length === (value.length / 4) * 3 - padding
  } catch {
    return false
  }
}

/** What a client is told when image data is not base64. */
export const BASE64_MESSAGE =
  'This is not valid base64 image data. Send the file bytes encoded as standard base64.'

/** Standard base64 (RFC 4648 §4), padded, no line breaks. */
export const Base64Schema = z.string().refine(isBase64, { message: BASE64_MESSAGE })

/** Gemini's opaque proof that a model part is genuine; sent back exactly as received. */
const SignatureSchema = z.string().min(1).max(1_000_000)

/** A reference image sent with a prompt. `style` references guide the look, not the content. */
export const ReferenceSchema = z.object({
  mimeType: z.enum(INPUT_MIME_TYPES, {
    error: `Use one of these image types: ${INPUT_MIME_TYPES.join(', ')}.`,
  }),
  data: Base64Schema,
  role: z.enum(['subject', 'style']).default('subject'),
  name: z.string().max(200).optional(),
})

/** One part of an earlier conversation turn, exactly as Gemini returned or received it. */
export const TurnPartSchema = z.union([
  z
    .object({ text: z.string().max(100_000), thoughtSignature: SignatureSchema.optional() })
    .strict(),
  z
    .object({
      inlineData: z.object({ mimeType: z.enum(INPUT_MIME_TYPES), data: Base64Schema }),
      thoughtSignature: SignatureSchema.optional(),
    })
    .strict(),
])

/** An earlier turn of a multi-turn edit. */
export const TurnSchema = z.object({
  role: z.enum(['user', 'model']),
  parts: z.array(TurnPartSchema).min(1).max(64),
})

const GENERATE_REQUEST_FIELDS = {
  prompt: z
    .string()
    .trim()
    .min(1, 'Write a prompt that describes the image you want.')
    .max(20_000, 'Shorten the prompt to at most 20,000 characters.'),
  model: z.string().min(1).max(200).optional(),
  references: z.array(ReferenceSchema).default([]),
  aspectRatio: z.enum(ASPECT_RATIOS).optional(),
  imageSize: z.enum(IMAGE_SIZES).optional(),
  /**
   * Earlier turns of this edit, oldest first, starting with a user turn and ending with a model
   * turn. 3-series models need every model part's `thoughtSignature` back exactly as received.
   */
  history: z.array(TurnSchema).max(40).default([]),
  /**
   * With `Accept: text/event-stream`: whether to send `preview` events (downscaled drafts). A
   * client that shows none (a batch, say) saves the server decoding and encoding them.
   */
  previews: z.boolean().default(true),
}

/** `POST /v1/generations` request body. Model limits are checked by the server against its catalogue. */
export const GenerateRequestSchema = z.strictObject(GENERATE_REQUEST_FIELDS, {
  // A misspelt field (`aspect_ratio`) would otherwise be dropped without a word.
  error: (issue) =>
    issue.code === 'unrecognized_keys'
      ? `Remove ${issue.keys.map((key) => `"${key}"`).join(', ')}: a generation takes only ${Object.keys(GENERATE_REQUEST_FIELDS).join(', ')}.`
      : undefined,
})

export type Reference = z.infer<typeof ReferenceSchema>
export type ReferenceInput = z.input<typeof ReferenceSchema>
export type TurnPart = z.infer<typeof TurnPartSchema>
export type Turn = z.infer<typeof TurnSchema>
export type GenerateRequest = z.infer<typeof GenerateRequestSchema>
export type GenerateRequestInput = z.input<typeof GenerateRequestSchema>

/**
 * An image in a reply. `width` and `height` are always the real pixel size of `data`. `data` is
 * not checked as base64 here: the server took it from a Gemini reply that was, and a client
 * decodes each image on its own, so one damaged image fails alone instead of the whole reply.
 */
export const ImageDataSchema = z.object({
  mimeType: z.string(),
  data: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})
export type ImageData = z.infer<typeof ImageDataSchema>

/**
 * A generated image that Figma can place (at most 4096 px a side). When the model made a larger
 * one, `original` holds the full-size file so nothing is lost.
 */
export const GeneratedImageSchema = ImageDataSchema.extend({ original: ImageDataSchema.optional() })
export type GeneratedImage = z.infer<typeof GeneratedImageSchema>

/** Token counts as Gemini reports them. */
export const UsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  thoughtsTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
})
export type Usage = z.infer<typeof UsageSchema>

/** Where an image of a compact turn is: a reference of that request, or one of its results. */
export const ImagePointerSchema = z.object({
  from: z.enum(['reference', 'result']),
  index: z.number().int().nonnegative(),
})

/**
 * A turn without image bytes, for storing a conversation cheaply: images point at the request's
 * references or the reply's images (use `original` when present: the exact bytes Gemini made).
 */
export const CompactTurnSchema = z.object({
  parts: z.array(
    z.union([
      z.object({ text: z.string(), thoughtSignature: z.string().optional() }),
      z.object({ image: ImagePointerSchema, thoughtSignature: z.string().optional() }),
    ])
  ),
})
export type CompactTurn = z.infer<typeof CompactTurnSchema>

/** `POST /v1/generations` success body. */
export const GenerateResponseSchema = z.object({
  id: z.string(),
  model: z.string(),
  images: z.array(GeneratedImageSchema).min(1),
  text: z.string().optional(),
  finishReason: z.string(),
  usage: UsageSchema,
  /** Upstream attempts made, 1 when the first succeeded. */
  attempts: z.number().int().positive(),
  /** This exchange as conversation turns, to send back as `history` when iterating. */
  turn: z.object({ user: CompactTurnSchema, model: CompactTurnSchema }),
})
export type GenerateResponse = z.infer<typeof GenerateResponseSchema>
