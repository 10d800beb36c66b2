import type { MethodResult } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import { canRemove, contains } from '../figma/can-remove'
import type { FigmaPort } from '../figma/port'
import { pageOf } from '../figma/page-of'
import { readLineage } from '../figma/read-lineage'
import { reveal } from '../figma/reveal'
import { sceneNodeById } from '../figma/scene-node-by-id'

/**
 * The run a result came from: its variant group when it was one of several requests, else its
 * request (the images of one reply share it).
 */
function runOf(node: BaseNode): string | undefined {
  const lineage = readLineage(node)
  if (!lineage.ok) return undefined
  const { variant, requestId } = lineage.entry
  return variant?.group ?? `request:${requestId}`
}

/**
 * Keeps one result and removes the others of its run in one undo step. Ids come from the UI and
 * may be stale, so each is re-checked here: only results of the same run are removed, never a
 * designer's own layer, a locked one, or a layer inside an instance.
 */
export async function keepResult(
  port: FigmaPort,
  params: { keep: string; remove: string[] }
): Promise<MethodResult<'keepResult'>> {
  const kept = await sceneNodeById(port, params.keep)
  const page = kept === null ? null : pageOf(kept)
  if (kept === null || page === null) {
    throw new RpcError(
      'node_not_found',
      'The variant to keep was deleted. Select the one you want and remove the others by hand.'
    )
  }
  const run = runOf(kept)
  const removed: string[] = []
  for (const id of run === undefined ? [] : new Set(params.remove)) {
    if (id === kept.id) continue
    const node = await sceneNodeById(port, id)
    if (node === null) continue
    if (runOf(node) !== run || !canRemove(node) || contains(node, kept)) continue
    try {
      node.remove()
      removed.push(id)
    } catch {
      // Figma refused for a reason not checked above: that layer stays, the rest go on, and the
      // undo step is still committed below.
    }
  }
  await reveal(port, kept, page)
  port.commitUndo()
  return { removed }
}
