import type { AspectRatio, ModelInfo } from '../../protocol/api'
import type { SelectionSummary } from '../../protocol/messages'
import type { Role } from '../generate/generation-input'
import { nearestAspectRatio } from './nearest-aspect-ratio'

/**
 * The ratio "match" stands for: the model's ratio nearest the subject's shape, the subject being
 * the result to iterate on or else the first usable frame not marked as a style.
 */
export function matchedRatio(
  summary: SelectionSummary,
  roles: ReadonlyMap<string, Role>,
  model: ModelInfo | undefined
): AspectRatio | undefined {
  const nodes = summary.mode === 'edit' ? summary.nodes : []
  const subject =
    summary.iterate !== undefined
      ? summary.iterate.entry.image
      : nodes.find((n) => n.problem === undefined && roles.get(n.id) !== 'style')
  return subject === undefined || model === undefined
    ? undefined
    : nearestAspectRatio(model.aspectRatios, subject.width, subject.height)
}
