/** True when the node and every ancestor up to the page are visible. */
export function isShown(node: BaseNode): boolean {
  let current: BaseNode | null = node
  while (current !== null && current.type !== 'PAGE' && current.type !== 'DOCUMENT') {
    if ('visible' in current && !current.visible) return false
    current = current.parent
  }
  return true
}
