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

/**
 * An entry as it sits in plugin data. Version 1 is a `LineageEntry` as is, which every Peel
 * reads, and is written whenever it fits. Version 2, the compact form, leaves the last prompt of
 * the chain out because it is `prompt` itself, so a prompt too long to store twice is stored
 * once; a Peel that predates it says "made by a newer Peel" rather than "damaged". Decoding turns
 * either back into a `LineageEntry`.
 */
const StoredLineageSchema = z.union([
  LineageEntrySchema,
  LineageEntrySchema.extend({
    v: z.literal(2),
    next: z.object({
      /** The prompts before this one, oldest first. */
      earlier: z.array(z.string()),
      omitted: z.number().int().nonnegative(),
    }),
  }),
])
type CompactLineage = Omit<LineageEntry, 'next' | 'v'> & {
  v: 2
  next: { earlier: string[]; omitted: number }
}

/** Appended to a prompt cut to fit, so whoever reads it back knows it is not the whole prompt. */
export const PROMPT_CUT_MARKER = ' … [prompt shortened to fit in the layer]'

/** Thrown when even a minimal entry cannot fit Figma's limit (only absurd ids could do that). */
export class LineageTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(
      `This result's history is too large to store (${bytes} bytes). Shorten the prompt and try again.`
    )
    this.name = 'LineageTooLargeError'
  }
}

function fits(entry: LineageEntry | CompactLineage): boolean {
  return utf8Length(JSON.stringify(entry)) <= LINEAGE_MAX_BYTES
}

/** The first `length` UTF-16 units of `text`, never splitting a surrogate pair. */
function head(text: string, length: number): string {
  const code = text.charCodeAt(length - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length)
}

/**
 * Cuts the prompt, with the marker, to the longest head that fits. Searched rather than computed
 * because JSON escaping makes a character cost 1 to 6 bytes.
 */
function cutPrompt(entry: CompactLineage): CompactLineage {
  if (fits(entry)) return entry
  const prompt = entry.prompt
  const withHead = (length: number): CompactLineage => ({
    ...entry,
    prompt: `${head(prompt, length)}${PROMPT_CUT_MARKER}`,
  })
  let low = 0
  let high = prompt.length - 1
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(withHead(middle))) low = middle
    else high = middle - 1
  }
  return withHead(low)
}

function withoutTurn(conversation: Conversation): Conversation {
  return 'broken' in conversation ? conversation : { broken: 'too_large' }
}

/** The last resort: what Iterate and Keep need, without the sources, usage or conversation. */
function minimal(entry: CompactLineage): CompactLineage {
  const { conversation, ...rest } = entry
  return {
    ...rest,
    response: undefined,
    sources: [],
    ...(conversation === undefined ? {} : { conversation: withoutTurn(conversation) }),
    next: { earlier: [], omitted: entry.next.omitted + entry.next.earlier.length },
  }
}

/**
 * `build(dropped, conversation)` with the fewest of the oldest prompts dropped (at most `most`)
 * that fits, and then without the conversation's turn if it still does not.
 */
function shrink<T extends LineageEntry | CompactLineage>(
  most: number,
  conversation: Conversation | undefined,
  build: (dropped: number, conversation: Conversation | undefined) => T
): T {
  let dropped = 0
  while (dropped < most && !fits(build(dropped, conversation))) dropped++
  const entry = build(dropped, conversation)
  return fits(entry) || conversation === undefined
    ? entry
    : build(dropped, withoutTurn(conversation))
}

/**
 * Serialises an entry for `setPluginData`, always under the limit so a result is never lost for
 * its history. Over the limit, first in the form every Peel version reads: the oldest prompts of
 * the chain go (counted in `omitted`), because the latest matter most to the next step; then the
 * conversation, marked `too_large` so Iterate can say why it starts afresh. Only a prompt too
 * long to store twice needs the compact form (version 2), which stores it once; that is then cut
 * with `PROMPT_CUT_MARKER` if need be, and last, only a minimal entry is kept.
 */
export function encodeLineage(entry: LineageEntry): string {
  const parsed = LineageEntrySchema.parse(entry)
  const { chain, omitted } = parsed.next
  const full = shrink(chain.length - 1, parsed.conversation, (dropped, conversation) => ({
    ...parsed,
    conversation,
    next: { chain: chain.slice(dropped), omitted: omitted + dropped },
  }))
  if (fits(full)) return JSON.stringify(full)
  const earlier = chain.at(-1) === parsed.prompt ? chain.slice(0, -1) : chain
  let current = shrink<CompactLineage>(
    earlier.length,
    parsed.conversation,
    (dropped, conversation) => ({
      ...parsed,
      v: 2,
      conversation,
      next: { earlier: earlier.slice(dropped), omitted: omitted + dropped },
    })
  )
  const cut = cutPrompt(current)
  current = fits(cut) ? cut : cutPrompt(minimal(current))
  const text = JSON.stringify(current)
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
  if (typeof version === 'number' && version > 2) {
    return {
      ok: false,
      reason: 'unsupported_version',
      message: 'This result was made by a newer Peel. Update the plugin to iterate on it.',
    }
  }
  const parsed = StoredLineageSchema.safeParse(json)
  if (!parsed.success) return corrupt()
  const { next, ...rest } = parsed.data
  const entry = { ...rest, v: 1 as const }
  if ('chain' in next) return { ok: true, entry: { ...entry, next } }
  return {
    ok: true,
    entry: { ...entry, next: { chain: [...next.earlier, rest.prompt], omitted: next.omitted } },
  }
}

function corrupt(): DecodedLineage {
  return {
    ok: false,
    reason: 'corrupt',
    message:
      "This result's Peel history is damaged, so it is treated as a plain image. Generate from it to start a new history.",
  }
}
