import type { ApiClient } from '../../client/api-client'
import type { StreamUpdate } from '../../client/generate-streaming'
import type { PlacedNode } from '../../protocol/messages'
import type { createPlacer } from '../generate/create-placer'
import { fromBus } from '../generate/export-as-references'
import type { PanelError } from '../panel-error'
import type { BatchPlan } from './batch-plan'
import type { createExportPrefetcher } from './create-export-prefetcher'

type Placer = ReturnType<typeof createPlacer>

export type ItemOutcome = { ok: true; placed: PlacedNode[] } | { ok: false; error: PanelError }

/**
 * Restyles one frame: export it with the style references, stream the generation, and place the
 * result the moment it arrives, so closing the panel later loses nothing already made. `release`
 * is called once the reply is in, before placing: the slot is for generations, and placing on the
 * canvas need not hold up the next one.
 */
export async function runBatchItem(
  deps: {
    api: ApiClient
    placer: Placer
    exports: ReturnType<typeof createExportPrefetcher>
  },
  plan: BatchPlan,
  index: number,
  signal: AbortSignal,
  onUpdate: (update: StreamUpdate) => void,
  release: () => void = () => undefined
): Promise<ItemOutcome> {
  const target = plan.targets[index]
  if (target === undefined) throw new RangeError(`No batch item ${String(index)}`)
  const sources = [
    { nodeId: target.nodeId, name: target.name, role: 'subject' as const },
    ...plan.styles.map((s) => ({ ...s, role: 'style' as const })),
  ]
  try {
    const exported = await deps.exports.get(index, signal)
    if (!exported.ok) return exported
    const reply = await deps.api.generateStream(
      {
        prompt: plan.prompt,
        model: plan.model,
        references: exported.references,
        aspectRatio: target.aspectRatio,
        imageSize: plan.imageSize,
        // The batch panel shows progress per frame, not drafts.
        previews: false,
      },
      { signal, onUpdate }
    )
    release()
    if (!reply.ok) return reply
    const placed = await deps.placer.place(reply.data, {
      prompt: plan.prompt,
      requestId: reply.requestId ?? reply.data.id,
      options: { aspectRatio: target.aspectRatio, imageSize: plan.imageSize },
      sources,
      identities: exported.identities,
      continued: false,
      origin: 'batch',
      batch: { id: plan.id, index, count: plan.targets.length },
    })
    return { ok: true, placed }
  } catch (error) {
    return { ok: false, error: fromBus(error) }
  }
}
