import type { HistoryItem } from '../../protocol/history'

/**
 * What *Copy details* puts on the clipboard: the request and the server's answer as recorded in
 * the result's lineage, as readable JSON. There are no image bytes in lineage to begin with.
 */
export function resultDetails(item: HistoryItem): string {
  const { entry } = item
  return JSON.stringify(
    {
      layer: { nodeId: item.nodeId, name: item.name, page: item.pageName },
      request: {
        prompt: entry.prompt,
        model: entry.model,
        options: entry.options,
        origin: entry.origin,
        sources: entry.sources,
        parent: entry.parent,
        variant: entry.variant,
        batch: entry.batch,
        promptChain: entry.next.chain,
      },
      response: {
        generationId: entry.generationId,
        requestId: entry.requestId,
        createdAt: entry.createdAt,
        image: entry.image,
        ...entry.response,
      },
    },
    null,
    2
  )
}

/** How many prompts led to this result, the first one counting 1. */
export function lineageDepth(item: HistoryItem): number {
  return item.entry.next.omitted + item.entry.next.chain.length
}
