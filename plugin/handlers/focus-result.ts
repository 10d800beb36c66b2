import { RpcError } from '../../protocol/rpc-error'
import type { FigmaPort } from '../figma/port'

function pageOf(node: BaseNode): PageNode | null {
  let current: BaseNode | null = node
  while (current !== null && current.type !== 'PAGE') current = current.parent
  return current
}

/** Selects a result and zooms to it, switching to its page first when it lives on another. */
export async function focusResult(
  port: FigmaPort,
  params: { nodeId: string }
): Promise<Record<string, never>> {
  const node = await port.getNodeByIdAsync(params.nodeId)
  const page = node === null ? null : pageOf(node)
  if (node === null || page === null || node.type === 'PAGE' || node.type === 'DOCUMENT') {
    throw new RpcError(
      'node_not_found',
      'That result was deleted from the file. The list has been refreshed.'
    )
  }
  // Under dynamic-page `currentPage` is read-only: switching pages is async.
  if (page.id !== port.currentPage.id) await port.setCurrentPageAsync(page)
  port.currentPage.selection = [node]
  port.viewport.scrollAndZoomIntoView([node])
  return {}
}
