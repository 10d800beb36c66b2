import type { MethodResult } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import { canRemove, contains } from '../figma/can-remove'
import type { FigmaPort } from '../figma/port'
import { pageOf } from '../figma/page-of'
import { readLineage } from '../figma/read-lineage'

/**
 * The run a result came from: its variant group when it was one of several requests, else its
 * generation (a reply with several images numbers them `gen_…#0`, `gen_…#1`).
 */
function runOf(node: BaseNode): string | undefined {
  if (!('getPluginData' in node)) return undefined
  const lineage = readLineage(node)
  if (!lineage.ok) return undefined
  const { variant, generationId } = lineage.entry
  return variant === undefined ? `generation:${generationId.replace(/#\d+$/, '')}` : variant.group
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
  const kept = await port.getNodeByIdAsync(params.keep)
  const page = kept === null ? null : pageOf(kept)
  if (kept === null || page === null || kept.type === 'PAGE' || kept.type === 'DOCUMENT') {
    throw new RpcError(
      'node_not_found',
      'The variant to keep was deleted. Select the one you want and remove the others by hand.'
    )
  }
  const run = runOf(kept)
  // Everything is checked before anything is removed, so a bad id cannot stop the loop halfway
  // and leave some layers gone with no undo step committed.
  const doomed: SceneNode[] = []
  for (const id of new Set(params.remove)) {
    if (run === undefined || id === kept.id) continue
    const node = await port.getNodeByIdAsync(id)
    if (node === null || node.type === 'PAGE' || node.type === 'DOCUMENT') continue
    if (runOf(node) !== run || !canRemove(node) || contains(node, kept)) continue
    doomed.push(node)
  }
  const removed: string[] = []
  for (const node of doomed) {
    const id = node.id
    try {
      node.remove()
      removed.push(id)
    } catch {
      // Figma has refused for a reason not checked above; that layer stays and the rest go on.
    }
  }
  // Under dynamic-page `currentPage` is read-only: switching pages is async.
  if (page.id !== port.currentPage.id) await port.setCurrentPageAsync(page)
  port.currentPage.selection = [kept]
  port.viewport.scrollAndZoomIntoView([kept])
  port.commitUndo()
  return { removed }
}
