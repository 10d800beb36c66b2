import type { MethodResult } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import type { FigmaPort } from '../figma/port'
import { readLineage } from '../figma/read-lineage'

/**
 * Keeps one result and removes the others in one undo step. Only nodes that carry a Peel lineage
 * are removed, so a stale id can never delete a designer's own layer.
 */
export async function keepResult(
  port: FigmaPort,
  params: { keep: string; remove: string[] }
): Promise<MethodResult<'keepResult'>> {
  const kept = await port.getNodeByIdAsync(params.keep)
  if (kept === null || kept.type === 'PAGE' || kept.type === 'DOCUMENT') {
    throw new RpcError(
      'node_not_found',
      'The variant to keep was deleted. Select the one you want and remove the others by hand.'
    )
  }
  const removed: string[] = []
  for (const id of params.remove) {
    const node = await port.getNodeByIdAsync(id)
    if (node === null || id === params.keep || !('getPluginData' in node)) continue
    if (node.type === 'PAGE' || node.type === 'DOCUMENT' || !readLineage(node).ok) continue
    node.remove()
    removed.push(id)
  }
  port.currentPage.selection = [kept]
  port.viewport.scrollAndZoomIntoView([kept])
  port.commitUndo()
  return { removed }
}
