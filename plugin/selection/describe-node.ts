import type { SelectedNode } from '../../protocol/messages'
import { isShown } from '../figma/is-shown'
import { readLineage } from '../figma/read-lineage'

function hasVisiblePaint(paints: readonly Paint[] | symbol | undefined): boolean {
  return Array.isArray(paints) && paints.some((paint: Paint) => paint.visible !== false)
}

/** A container with no visible children and nothing painted on itself exports as nothing. */
export function isEmpty(node: SceneNode): boolean {
  if (node.width < 1 || node.height < 1) return true
  if (!('children' in node)) return false
  if (node.children.some((child) => child.visible)) return false
  const fills = 'fills' in node ? node.fills : undefined
  const strokes = 'strokes' in node ? node.strokes : undefined
  return !hasVisiblePaint(fills) && !hasVisiblePaint(strokes)
}

/** One selected node as the UI lists it, with the problem that keeps it from being a reference. */
export function describeNode(node: SceneNode): SelectedNode {
  const base = {
    id: node.id,
    name: node.name,
    type: node.type,
    width: node.width,
    height: node.height,
    isResult: readLineage(node).ok,
  }
  if (!isShown(node)) {
    return {
      ...base,
      problem: 'hidden',
      message: `“${node.name}” is hidden, so it would export blank. Show it or deselect it.`,
    }
  }
  if (isEmpty(node)) {
    return {
      ...base,
      problem: 'empty',
      message: `“${node.name}” is empty: there is nothing in it to send. Add content or select another layer.`,
    }
  }
  return base
}
