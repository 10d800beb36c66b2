/**
 * @module
 * The lineage entry Peel writes into a result's plugin data: what made the image and what the next
 * iteration needs. Versioned, validated when read back, kept under Figma's per-entry limit, and
 * never holding image bytes.
 *
 * Where a Gemini conversation lives: each result stores only its own exchange (`conversation`:
 * the compact user and model turns, text and thought signatures, image pointers), and the image
 * bytes stay where they already are, in the node's image fill. Iterating walks the `parent`
 * links and rebuilds the history from those pieces (see plugin/handlers/read-conversation.ts).
 * The reasons:
 * - The server stays stateless: nothing to expire, shard or lose between sessions, and a file
 *   shared with a colleague carries its conversations with it.
 * - One exchange per entry keeps every entry far under Figma's 100 kB limit however long the
 *   conversation grows (signatures are KBs; a whole history with bytes would be megabytes).
 * - The fill already holds the exact bytes Gemini returned, and `imageHash` tells whether they
 *   are still there untouched. When they are not (deleted, edited by hand, downscaled for Figma,
 *   too large to store), the conversation is broken and Iterate says so and falls back to a
 *   single-turn edit of the current pixels.
 * Reference images of a user turn are not signed by Gemini, so they are re-exported from their
 * source layers (`references`: node id and a fingerprint of the bytes sent) rather than copied
 * into the file: a copy would double the file's image data for context the model can be given
 * again from the layer itself.
 */
import { z } from 'zod'

import { ASPECT_RATIOS, CompactTurnSchema, IMAGE_SIZES } from './api'
import { utf8Length } from './utf8-length'

/** The plugin data key of the entry. The version lives inside the value. */
export const LINEAGE_KEY = 'peel.lineage'

/**
 * Figma caps one plugin data entry at 100 kB counting plugin id, key and value. This keeps 1 kB
 * for the id and key so the value alone can be checked here.
 */
export const LINEAGE_MAX_BYTES = 99_000

/** A node a result was made from. */
export const SourceRefSchema = z.object({
  id: z.string(),
  name: z.string().max(500),
  role: z.enum(['subject', 'style']),
})
export type SourceRef = z.infer<typeof SourceRefSchema>

/** How a result was asked for: the panel's mode, a batch item, or the command palette. */
export const OriginSchema = z.enum(['create', 'edit', 'iterate', 'batch', 'quick'])
export type Origin = z.infer<typeof OriginSchema>

/** What the server said about the generation, without image bytes: for Copy details. */
export const ResponseMetaSchema = z.object({
  finishReason: z.string().max(100),
  attempts: z.number().int().positive(),
  usage: z.object({
    promptTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    thoughtsTokens: z.number().int().nonnegative(),
    totalTokens: z.number().int().nonnegative(),
  }),
})
export type ResponseMeta = z.infer<typeof ResponseMetaSchema>

/** One of several images made for one request, as parallel calls. */
export const VariantSchema = z.object({
  group: z.string().min(1).max(100),
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
})
export type Variant = z.infer<typeof VariantSchema>

/** One item of a batch restyle; every item of a batch shares the id. */
export const BatchRefSchema = z.object({
  id: z.string().min(1).max(100),
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
})
export type BatchRef = z.infer<typeof BatchRefSchema>

/** A reference image of a request: the layer it was exported from and a fingerprint of the bytes. */
export const ReferenceIdentitySchema = z.object({
  nodeId: z.string().max(100),
  fingerprint: z.string().max(64),
})
export type ReferenceIdentity = z.infer<typeof ReferenceIdentitySchema>

/** Why a result's exchange could not be kept, so a later Iterate can say why it starts afresh. */
export const BrokenReasonSchema = z.enum(['too_large', 'downscaled', 'several_images'])
export type BrokenReason = z.infer<typeof BrokenReasonSchema>

/**
 * This result's own exchange with Gemini, without image bytes: the compact turns (`reference`
 * pointers index `references`, the one `result` pointer is this node's image), or why it is gone.
 */
export const ConversationSchema = z.union([
  z.object({
    turn: z.object({ user: CompactTurnSchema, model: CompactTurnSchema }),
    references: z.array(ReferenceIdentitySchema).max(32),
    /** True when the request sent the parent's conversation as history; false starts one. */
    continued: z.boolean(),
  }),
  z.object({ broken: BrokenReasonSchema }),
])
export type Conversation = z.infer<typeof ConversationSchema>

/**
 * Version 1 of a result's lineage. Fields added later are optional, so entries written by an
 * earlier Peel still read.
 */
export const LineageEntrySchema = z.object({
  v: z.literal(1),
  generationId: z.string().min(1),
  requestId: z.string(),
  prompt: z.string().min(1),
  model: z.string().min(1),
  options: z.object({
    aspectRatio: z.enum(ASPECT_RATIOS).optional(),
    imageSize: z.enum(IMAGE_SIZES).optional(),
  }),
  sources: z.array(SourceRefSchema),
  /** The result this one iterated on; null for Create and Edit. */
  parent: z.object({ nodeId: z.string(), generationId: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  /** Size and type only: the pixels live in the node's image fill. */
  image: z.object({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    mimeType: z.string(),
  }),
  origin: OriginSchema.optional(),
  response: ResponseMetaSchema.optional(),
  variant: VariantSchema.optional(),
  batch: BatchRefSchema.optional(),
  /** The hash of the image fill Peel placed: a different fill means it was edited by hand. */
  imageHash: z.string().max(100).optional(),
  conversation: ConversationSchema.optional(),
  /** What an iteration needs: the prompt chain, oldest first, ending with this prompt. */
  next: z.object({
    chain: z.array(z.string()).min(1),
    /** How many of the oldest prompts were left out to stay under the size limit. */
    omitted: z.number().int().nonnegative(),
  }),
})
export type LineageEntry = z.infer<typeof LineageEntrySchema>

/** Thrown when an entry cannot fit Figma's limit even with its prompt chain cut to one prompt. */
export class LineageTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(
      `This result's history is too large to store (${bytes} bytes). Shorten the prompt and try again.`
    )
    this.name = 'LineageTooLargeError'
  }
}

/**
 * Serialises an entry for `setPluginData`. When it is over the limit the oldest prompts of the
 * chain go first (counted in `omitted`), because the latest prompts matter most to the next step;
 * then the conversation, marked `too_large` so Iterate can say why it starts afresh.
 */
export function encodeLineage(entry: LineageEntry): string {
  let current = LineageEntrySchema.parse(entry)
  let text = JSON.stringify(current)
  while (utf8Length(text) > LINEAGE_MAX_BYTES && current.next.chain.length > 1) {
    current = {
      ...current,
      next: { chain: current.next.chain.slice(1), omitted: current.next.omitted + 1 },
    }
    text = JSON.stringify(current)
  }
  if (utf8Length(text) > LINEAGE_MAX_BYTES && current.conversation !== undefined) {
    current = { ...current, conversation: { broken: 'too_large' } }
    text = JSON.stringify(current)
  }
  const bytes = utf8Length(text)
  if (bytes > LINEAGE_MAX_BYTES) throw new LineageTooLargeError(bytes)
  return text
}

/** The outcome of reading an entry back: plugin data is untrusted, whoever wrote it. */
export type DecodedLineage =
  | { ok: true; entry: LineageEntry }
  | { ok: false; reason: 'missing' | 'corrupt' | 'unsupported_version'; message: string }

/** Parses and validates a stored entry. A missing key reads as `""` in Figma. */
export function decodeLineage(raw: string): DecodedLineage {
  if (raw === '')
    return { ok: false, reason: 'missing', message: 'This layer has no Peel history.' }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return corrupt()
  }
  const version = (json as { v?: unknown } | null)?.v
  if (typeof version === 'number' && version > 1) {
    return {
      ok: false,
      reason: 'unsupported_version',
      message: 'This result was made by a newer Peel. Update the plugin to iterate on it.',
    }
  }
  const parsed = LineageEntrySchema.safeParse(json)
  return parsed.success ? { ok: true, entry: parsed.data } : corrupt()
}

function corrupt(): DecodedLineage {
  return {
    ok: false,
    reason: 'corrupt',
    message:
      "This result's Peel history is damaged, so it is treated as a plain image. Generate from it to start a new history.",
  }
}
