/**
 * @module
 * Server-Sent Events of `POST /v1/generations` with `Accept: text/event-stream`: `progress`
 * (repeated as a heartbeat), `thought`, `preview`, then exactly one `result` or `error`.
 */
import { z } from 'zod'
import { GenerateResponseSchema, ImageDataSchema } from './api'
import { ErrorEnvelopeSchema } from './errors'

export const GENERATION_STAGES = [
  'queued',
  'sending',
  'thinking',
  'drafting',
  'retrying',
  'finishing',
] as const

/** Where the generation stands; `elapsedMs` counts from when the server started it. */
export const ProgressEventSchema = z.object({
  id: z.string(),
  stage: z.enum(GENERATION_STAGES),
  attempt: z.number().int().positive(),
  elapsedMs: z.number().nonnegative(),
  /** While `retrying`: how long until the next attempt. */
  delayMs: z.number().nonnegative().optional(),
})
export type ProgressEvent = z.infer<typeof ProgressEventSchema>

/** The model's thinking, as it writes it (3-series models). */
export const ThoughtEventSchema = z.object({ text: z.string() })

/** An interim draft image, downscaled; never a result. */
export const PreviewEventSchema = ImageDataSchema

/** Every event by name, for clients that parse the stream. */
export const GenerationEventSchemas = {
  progress: ProgressEventSchema,
  thought: ThoughtEventSchema,
  preview: PreviewEventSchema,
  result: GenerateResponseSchema,
  error: ErrorEnvelopeSchema,
} as const
export type GenerationEventName = keyof typeof GenerationEventSchemas
