/**
 * @module
 * The style kit: frames pinned as the document's brand style references. It lives in plugin data
 * on the document root, so everyone who opens the file sees the same kit.
 */
import { z } from 'zod'

/** The document-level plugin data key. */
export const STYLE_KIT_KEY = 'peel.styleKit'

/** Enough for a brand kit; every model takes fewer references than this anyway. */
export const MAX_PINNED = 16

export const PinnedFrameSchema = z.object({ nodeId: z.string().max(100), name: z.string() })
export type PinnedFrame = z.infer<typeof PinnedFrameSchema>

/** The stored kit, versioned like lineage. Names are kept to tell the user what left the kit. */
export const StoredStyleKitSchema = z.object({
  v: z.literal(1),
  frames: z.array(PinnedFrameSchema).max(MAX_PINNED),
})
export type StoredStyleKit = z.infer<typeof StoredStyleKitSchema>

/** The kit as the UI sees it: live names, and what was dropped since it was last read. */
export const StyleKitSchema = z.object({
  frames: z.array(PinnedFrameSchema),
  notices: z.array(z.string()),
})
export type StyleKit = z.infer<typeof StyleKitSchema>
