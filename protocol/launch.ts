/**
 * @module
 * How the plugin was started: the panel, or the command palette's quick action with a prompt.
 */
import { z } from 'zod'

/** The manifest command of the quick action, *Peel → Generate*. */
export const QUICK_COMMAND = 'generate'

export const LaunchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('panel') }),
  z.object({ kind: z.literal('quick'), prompt: z.string().min(1).max(20_000) }),
])
export type Launch = z.infer<typeof LaunchSchema>
