/**
 * @module
 * The History panel's rows: every Peel result in the file, read from plugin data by main.
 */
import { z } from 'zod'

import { LineageEntrySchema } from './lineage'

/** One result as History lists it. The entry comes without its conversation (signatures). */
export const HistoryItemSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  pageId: z.string(),
  pageName: z.string(),
  entry: LineageEntrySchema,
})
export type HistoryItem = z.infer<typeof HistoryItemSchema>

/** The rows, newest first, and sentences about what could not be read. */
export const HistoryListSchema = z.object({
  items: z.array(HistoryItemSchema),
  notices: z.array(z.string()),
})
export type HistoryList = z.infer<typeof HistoryListSchema>
