import {
  encodeLineage,
  LINEAGE_KEY,
  type LineageEntry,
  LineageTooLargeError,
} from '../../protocol/lineage'
import type { PlacedNode, PlaceResultParams } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import type { FigmaPort } from '../figma/port'
import { readLineage } from '../figma/read-lineage'
import { centerOn, placeBeside, type Rect, unionRect } from '../layout/place-beside'
import { nameFromPrompt, relaunchDescription } from '../layout/name-from-prompt'
import { buildLineageEntry } from '../lineage/build-entry'

function box(node: SceneNode): Rect {
  return { x: node.x, y: node.y, width: node.width, height: node.height }
}

async function resolveSources(port: FigmaPort, ids: string[]): Promise<SceneNode[]> {
  const nodes: SceneNode[] = []
  for (const id of ids) {
    const node = await port.getNodeByIdAsync(id)
    if (node !== null && node.type !== 'PAGE' && node.type !== 'DOCUMENT') nodes.push(node)
  }
  return nodes
}

async function readParent(
  port: FigmaPort,
  id: string | undefined
): Promise<{ nodeId: string; entry: LineageEntry } | null> {
  if (id === undefined) return null
  const node = await port.getNodeByIdAsync(id)
  if (node === null) return null
  const lineage = readLineage(node)
  return lineage.ok ? { nodeId: id, entry: lineage.entry } : null
}

function createImageOrExplain(port: FigmaPort, bytes: Uint8Array): Image {
  try {
    return port.createImage(bytes)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RpcError(
      'image_rejected',
      `Figma refused the generated image (${reason}). Choose a smaller size and generate again.`
    )
  }
}

/** Puts `rect` in its source's parent, beside the sources, or at the viewport centre. */
function position(port: FigmaPort, rect: RectangleNode, sources: SceneNode[]): void {
  const anchor = sources[0]
  const parent = anchor?.parent
  if (anchor === undefined || parent === null || parent === undefined) {
    port.currentPage.appendChild(rect)
    const at = centerOn(port.viewport.center, rect)
    rect.x = at.x
    rect.y = at.y
    return
  }
  if ('layoutMode' in parent && parent.layoutMode !== 'NONE') {
    // Auto layout positions children itself: put the result right after its source.
    parent.insertChild(parent.children.indexOf(anchor) + 1, rect)
    return
  }
  parent.appendChild(rect)
  const peers = sources.filter((node) => node.parent === parent)
  const siblings = parent.children.filter((node) => node !== rect).map(box)
  const at = placeBeside(unionRect(peers.map(box)), rect, siblings)
  rect.x = at.x
  rect.y = at.y
}

/**
 * Places a generated image as a new rectangle at its pixel size, beside its source, with lineage
 * and an Iterate relaunch button, selected and in view. One undo step per result.
 */
export async function placeResult(port: FigmaPort, params: PlaceResultParams): Promise<PlacedNode> {
  const image = createImageOrExplain(port, params.image.bytes)
  const size = await image.getSizeAsync()
  const parent = await readParent(port, params.parentNodeId)
  let encoded: string
  try {
    encoded = encodeLineage(
      buildLineageEntry(params, parent, { ...size, hash: image.hash }, new Date())
    )
  } catch (error) {
    if (error instanceof LineageTooLargeError)
      throw new RpcError('lineage_too_large', error.message)
    throw error
  }
  const anchorIds =
    params.anchorNodeId !== undefined
      ? [params.anchorNodeId]
      : params.parentNodeId !== undefined
        ? [params.parentNodeId]
        : params.sources.filter((s) => s.role === 'subject').map((s) => s.id)
  // Style references (a style kit frame, say) are no anchor: with no subject, Create's centre.
  const sources = await resolveSources(port, anchorIds)

  const rect = port.createRectangle()
  rect.name =
    params.variant === undefined
      ? nameFromPrompt(params.prompt)
      : `${nameFromPrompt(params.prompt)} · v${String(params.variant.index + 1)}`
  rect.resize(size.width, size.height)
  rect.fills = [{ type: 'IMAGE', imageHash: image.hash, scaleMode: 'FILL' }]
  position(port, rect, sources)
  rect.setPluginData(LINEAGE_KEY, encoded)
  rect.setRelaunchData({ iterate: relaunchDescription(params.prompt) })
  port.currentPage.selection = [rect]
  port.viewport.scrollAndZoomIntoView([rect])
  port.commitUndo()
  const container = rect.parent ?? port.currentPage
  return {
    nodeId: rect.id,
    name: rect.name,
    parentId: container.id,
    x: rect.x,
    y: rect.y,
    width: rect.width,
    height: rect.height,
  }
}
