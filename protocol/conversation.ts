/**
 * @module
 * What main reads back for a true multi-turn Iterate: each earlier exchange of the conversation,
 * oldest first, with the exact image bytes from its node's fill, or the sentence saying why the
 * conversation cannot continue (and that Peel edits the current pixels in a single turn instead).
 */
import { z } from 'zod'

import { CompactTurnSchema } from './api'
import { BytesSchema } from './bytes'
import { ReferenceIdentitySchema } from './lineage'

/** A history holds at most 40 turns (protocol/api.ts), two per exchange. */
export const MAX_EXCHANGES = 20

/** One earlier exchange: the turns, where its references came from, and its result's bytes. */
export const ExchangeSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  turn: z.object({ user: CompactTurnSchema, model: CompactTurnSchema }),
  references: z.array(ReferenceIdentitySchema),
  /** Present when asked for: the exact bytes of the result, as Gemini made them. */
  image: z.object({ mimeType: z.string(), bytes: BytesSchema }).optional(),
})
export type Exchange = z.infer<typeof ExchangeSchema>

/** Why a conversation cannot continue. */
export const BreakReasonSchema = z.enum([
  'not_kept',
  'parent_deleted',
  'edited',
  'too_large',
  'downscaled',
  'several_images',
  'too_long',
])
export type BreakReason = z.infer<typeof BreakReasonSchema>

/** `readConversation`'s answer. */
export const ConversationReadSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), model: z.string(), exchanges: z.array(ExchangeSchema).min(1) }),
  z.object({ ok: z.literal(false), reason: BreakReasonSchema, message: z.string() }),
])
export type ConversationRead = z.infer<typeof ConversationReadSchema>

/** Said whenever Peel falls back, after the reason. */
export const FALLBACK_SENTENCE = 'Peel edits the current image in a single turn instead.'
