import type { ImageSize, ModelInfo } from '../../protocol/api'
import type { SelectedNode } from '../../protocol/messages'
import { nearestAspectRatio } from '../options/nearest-aspect-ratio'
import type { BatchPlan } from './batch-plan'

/** Used when the batch prompt is left empty: restyle is the whole point. */
export const DEFAULT_RESTYLE_PROMPT =
  'Restyle this frame in the style of the style reference. Keep its layout, text and content.'

/**
 * The batch the selection describes: every subject frame is a target, every style frame goes
 * with each. `undefined` when it is not a batch (fewer than two targets or no style).
 */
export function planBatch(input: {
  nodes: readonly SelectedNode[]
  roles: ReadonlyMap<string, 'subject' | 'style'>
  model: ModelInfo | undefined
  prompt: string
  imageSize: ImageSize | undefined
  id: string
  /** Style kit frames in use: style references of every item, never targets. */
  kit?: readonly { nodeId: string; name: string }[]
}): { ok: true; plan: BatchPlan } | { ok: false; reason: string } | undefined {
  const kit = input.kit ?? []
  const inKit = (id: string): boolean => kit.some((k) => k.nodeId === id)
  const usable = input.nodes.filter((n) => n.problem === undefined)
  const styles = [
    ...usable.filter((n) => input.roles.get(n.id) === 'style' && !inKit(n.id)),
    ...kit.map((k) => ({ id: k.nodeId, name: k.name })),
  ]
  const targets = usable.filter((n) => input.roles.get(n.id) !== 'style' && !inKit(n.id))
  if (styles.length === 0 || targets.length < 2) return undefined
  const { model } = input
  if (model === undefined) return { ok: false, reason: 'Waiting for the model list.' }
  if (styles.length + 1 > model.maxReferences) {
    return {
      ok: false,
      reason: `Use at most ${String(model.maxReferences - 1)} style references with this model.`,
    }
  }
  return {
    ok: true,
    plan: {
      id: input.id,
      prompt: input.prompt.trim() === '' ? DEFAULT_RESTYLE_PROMPT : input.prompt.trim(),
      model: model.id,
      imageSize:
        input.imageSize !== undefined && model.imageSizes.includes(input.imageSize)
          ? input.imageSize
          : undefined,
      targets: targets.map((n) => ({
        nodeId: n.id,
        name: n.name,
        aspectRatio: nearestAspectRatio(model.aspectRatios, n.width, n.height),
      })),
      styles: styles.map((n) => ({ nodeId: n.id, name: n.name })),
    },
  }
}
