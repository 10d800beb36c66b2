/**
 * Whether a plugin may remove the node without overriding the designer or Figma: not locked (by
 * itself or an ancestor, as the layers panel shows it) and not a layer inside an instance, whose
 * `remove()` throws because only the main component can change its structure.
 */
export function canRemove(node: BaseNode): boolean {
  let current: BaseNode | null = node
  while (current !== null && current.type !== 'PAGE' && current.type !== 'DOCUMENT') {
    if ('locked' in current && current.locked) return false
    const parent: BaseNode | null = current.parent
    if (parent?.type === 'INSTANCE') return false
    current = parent
  }
  return true
}

/** Whether `ancestor` is `node` or contains it. */
export function contains(ancestor: BaseNode, node: BaseNode): boolean {
  for (let current: BaseNode | null = node; current !== null; current = current.parent) {
    if (current.id === ancestor.id) return true
  }
  return false
}
