import type { FigmaPort } from './port'

/**
 * The layer with `id`, or null when it was deleted. Ids come from the UI or from stored data and
 * may be stale, or name a page, which no handler can place, export or remove.
 */
export async function sceneNodeById(port: FigmaPort, id: string): Promise<SceneNode | null> {
  const node = await port.getNodeByIdAsync(id)
  if (node === null || node.type === 'PAGE' || node.type === 'DOCUMENT') return null
  return node
}
