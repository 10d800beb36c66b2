import type { AspectRatio, ImageSize, ModelInfo } from '../../protocol/api'
import type { Origin } from '../../protocol/lineage'
import type { Mode, SelectionSummary } from '../../protocol/messages'
import type { PinnedFrame } from '../../protocol/style-kit'
import type { Options } from '../options/options'

/** How a reference goes to Gemini: as the subject to change, or as a style to follow. */
export type Role = 'subject' | 'style'

/** Everything one run needs to know. */
export interface GenerationInput {
  mode: Mode
  prompt: string
  model: string
  aspectRatio?: AspectRatio
  imageSize?: ImageSize
  references: { nodeId: string; name: string; role: Role }[]
  /** Iterate mode: the result node and its prompt chain. */
  iterate?: { nodeId: string; chain: string[] }
  /** How many images to make (1–4), as parallel calls. */
  variants?: number
  /** The model's reference limit, which history images count against. */
  maxReferences?: number
  /** Whether the model continues conversations (ModelInfo.multiTurn). */
  multiTurn?: boolean
  /** Recorded in lineage; the mode when left out. */
  origin?: Origin
}

/** The run to start from the panel's state, or the sentence saying why Generate is not ready. */
export function generationInput(state: {
  summary: SelectionSummary
  prompt: string
  model: ModelInfo | undefined
  options: Options
  matched: AspectRatio | undefined
  roles: Map<string, Role>
  /** Style kit frames this run uses (none when the kit is off). */
  kit: readonly PinnedFrame[]
}): { ok: true; value: GenerationInput } | { ok: false; reason: string } {
  const { summary, model, options } = state
  if (model === undefined)
    return { ok: false, reason: 'Waiting for the model list from the server.' }
  if (state.prompt.trim() === '') return { ok: false, reason: 'Write a prompt first.' }
  if (summary.mode === 'edit' && summary.nodes.some((n) => n.problem !== undefined)) {
    return { ok: false, reason: 'Fix or deselect the layers marked above.' }
  }
  const own =
    summary.mode === 'iterate' && summary.iterate !== undefined
      ? [{ nodeId: summary.iterate.nodeId, name: summary.iterate.name, role: 'subject' as const }]
      : summary.mode === 'edit'
        ? summary.nodes.map((n) => ({
            nodeId: n.id,
            name: n.name,
            role: state.roles.get(n.id) ?? ('subject' as const),
          }))
        : []
  const kit = state.kit
    .filter((frame) => !own.some((r) => r.nodeId === frame.nodeId))
    .map((frame) => ({ nodeId: frame.nodeId, name: frame.name, role: 'style' as const }))
  const references = [...own, ...kit]
  if (references.length > model.maxReferences) {
    return {
      ok: false,
      reason: `Use at most ${String(model.maxReferences)} references with this model, style kit included.`,
    }
  }
  const ratio = options.ratio === 'match' ? state.matched : options.ratio
  return {
    ok: true,
    value: {
      mode: summary.mode,
      prompt: state.prompt,
      model: model.id,
      aspectRatio: ratio !== undefined && model.aspectRatios.includes(ratio) ? ratio : undefined,
      imageSize:
        options.size !== undefined && model.imageSizes.includes(options.size)
          ? options.size
          : undefined,
      references,
      variants: options.variants,
      maxReferences: model.maxReferences,
      multiTurn: model.multiTurn,
      iterate:
        summary.iterate === undefined
          ? undefined
          : { nodeId: summary.iterate.nodeId, chain: summary.iterate.entry.next.chain },
    },
  }
}
