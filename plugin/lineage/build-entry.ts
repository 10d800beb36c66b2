import type { LineageEntry } from '../../protocol/lineage'
import type { PlaceResultParams } from '../../protocol/messages'

/**
 * The lineage entry for a new result. An iteration extends its parent's prompt chain, so the next
 * step sees the whole conversation, and links back to the parent by node and generation id.
 */
export function buildLineageEntry(
  params: PlaceResultParams,
  parent: { nodeId: string; entry: LineageEntry } | null,
  image: { width: number; height: number; hash: string },
  now: Date
): LineageEntry {
  return {
    v: 1,
    generationId: params.generationId,
    requestId: params.requestId,
    prompt: params.prompt,
    model: params.model,
    options: params.options,
    sources: params.sources,
    parent:
      parent === null ? null : { nodeId: parent.nodeId, generationId: parent.entry.generationId },
    createdAt: now.toISOString(),
    image: { width: image.width, height: image.height, mimeType: params.image.mimeType },
    ...(params.origin === undefined ? {} : { origin: params.origin }),
    ...(params.response === undefined ? {} : { response: params.response }),
    ...(params.variant === undefined ? {} : { variant: params.variant }),
    ...(params.batch === undefined ? {} : { batch: params.batch }),
    imageHash: image.hash,
    ...(params.conversation === undefined ? {} : { conversation: params.conversation }),
    next: {
      chain: [...(parent?.entry.next.chain ?? []), params.prompt],
      omitted: parent?.entry.next.omitted ?? 0,
    },
  }
}
