import type { SelectionSummary } from '../../protocol/messages'
import { readLineage } from '../figma/read-lineage'
import { describeNode } from './describe-node'

/**
 * The panel's mode from the selection: nothing selected is Create, one Peel result is Iterate,
 * anything else is Edit with the nodes as references.
 */
export function summarizeSelection(selection: readonly SceneNode[]): SelectionSummary {
  const nodes = selection.map(describeNode)
  const only = selection.length === 1 ? selection[0] : undefined
  if (only === undefined) {
    return { mode: selection.length === 0 ? 'create' : 'edit', nodes, notices: [] }
  }
  const lineage = readLineage(only)
  if (lineage.ok) {
    return {
      mode: 'iterate',
      nodes,
      iterate: { nodeId: only.id, name: only.name, entry: lineage.entry },
      notices: [],
    }
  }
  const notices = lineage.reason === 'missing' ? [] : [lineage.message]
  return { mode: 'edit', nodes, notices }
}
