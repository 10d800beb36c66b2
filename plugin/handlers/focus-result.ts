import { RpcError } from '../../protocol/rpc-error'
import { pageOf } from '../figma/page-of'
import type { FigmaPort } from '../figma/port'
import { reveal } from '../figma/reveal'
import { sceneNodeById } from '../figma/scene-node-by-id'

/** Selects a result and zooms to it, switching to its page first when it lives on another. */
export async function focusResult(
  port: FigmaPort,
  params: { nodeId: string }
): Promise<Record<string, never>> {
  const node = await sceneNodeById(port, params.nodeId)
  const page = node === null ? null : pageOf(node)
  if (node === null || page === null) {
    throw new RpcError(
      'node_not_found',
      'That result was deleted from the file. The list has been refreshed.'
    )
  }
  await reveal(port, node, page)
  return {}
}
