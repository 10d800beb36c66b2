import {
  encodeLineage,
  LINEAGE_KEY,
  type LineageEntry,
  LineageTooLargeError,
} from '../../protocol/lineage'
import type { PlacedNode, PlaceResultParams } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import { pageOf } from '../figma/page-of'
import type { FigmaPort } from '../figma/port'
import { readLineage } from '../figma/read-lineage'
import { centerOn, placeBeside, type Rect, unionRect } from '../layout/place-beside'
import { nameFromPrompt, relaunchDescription } from '../layout/name-from-prompt'
import { buildLineageEntry } from '../lineage/build-entry'

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

/** What `createImage` takes; anything else fails there with a message that helps nobody. */
const PLACEABLE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif'])

/** A sentence for each way Figma rejects an image, matched on its documented messages. */
function rejectionAdvice(reason: string): string {
  if (/too large/i.test(reason))
    return 'The generated image is larger than Figma allows (4096 × 4096 px). Choose a smaller size and generate again.'
  if (/too small/i.test(reason))
    return 'The generated image is too small for Figma to place. Choose a larger size and generate again.'
  if (/unsupported/i.test(reason))
    return 'Figma could not read the generated image file. Generate again; if it keeps happening, update the Peel server.'
  return `Figma refused the generated image (${reason}). Generate again; if it keeps happening, reopen Peel.`
}

function createImageOrExplain(port: FigmaPort, image: PlaceResultParams['image']): Image {
  if (!PLACEABLE_TYPES.has(image.mimeType.toLowerCase())) {
    throw new RpcError(
      'image_rejected',
      `Figma can only place PNG, JPEG or GIF images, and the server sent ${image.mimeType || 'an unknown type'}. Update the Peel server, then generate again.`
    )
  }
  try {
    return port.createImage(image.bytes)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RpcError('image_rejected', rejectionAdvice(reason))
  }
}

type Host = BaseNode & ChildrenMixin

function isInsideComponent(node: BaseNode): boolean {
  for (let current: BaseNode | null = node; current !== null; current = current.parent) {
    const type = current.type
    if (type === 'INSTANCE' || type === 'COMPONENT' || type === 'COMPONENT_SET') return true
  }
  return false
}

/** Rotated or flipped, itself or by a container: page positions no longer map by translation. */
function isTransformed(node: BaseNode): boolean {
  if (!('absoluteTransform' in node)) return false
  const [[a, b], [c, d]] = node.absoluteTransform
  return (
    Math.abs(a - 1) > 1e-6 || Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || Math.abs(d - 1) > 1e-6
  )
}

function isAutoLayout(node: BaseNode): boolean {
  return 'layoutMode' in node && node.layoutMode !== 'NONE'
}

/**
 * Whether a result may go into `node` without breaking it: Figma refuses new layers in an
 * instance and anything but components in a component set, a layer in a main component would
 * appear in every instance, and auto layout would move the designer's layers to make room. In a
 * rotated container the result would land elsewhere, rotated. A group grows to hold the result,
 * so its own container must take that too.
 */
function canHold(node: BaseNode): node is Host {
  if (node.type === 'PAGE') return true
  if (node.type !== 'FRAME' && node.type !== 'GROUP' && node.type !== 'SECTION') return false
  if (isInsideComponent(node) || isAutoLayout(node) || isTransformed(node)) return false
  return node.type !== 'GROUP' || (node.parent !== null && canHold(node.parent))
}

/** Where a container's children have their 0,0 on the page; a group uses its parent's. */
function originOf(node: BaseNode): { x: number; y: number } {
  if (node.type === 'PAGE' || node.type === 'DOCUMENT') return { x: 0, y: 0 }
  if (node.type === 'GROUP' || node.type === 'BOOLEAN_OPERATION')
    return node.parent === null ? { x: 0, y: 0 } : originOf(node.parent)
  const transform = (node as SceneNode).absoluteTransform
  return { x: transform[0][2], y: transform[1][2] }
}

function absoluteBox(node: SceneNode): Rect {
  return node.absoluteBoundingBox ?? { ...originOf(node), width: node.width, height: node.height }
}

/** True when `node` or a container above it would hide `spot`: clipping, hidden, collapsed. */
function hides(node: BaseNode, spot: Rect): boolean {
  for (let current: BaseNode | null = node; current !== null; current = current.parent) {
    if (current.type === 'PAGE') return false
    if ('visible' in current && !current.visible) return true
    if (current.type === 'SECTION' && current.sectionContentsHidden) return true
    if ('clipsContent' in current && current.clipsContent) {
      const box = absoluteBox(current)
      const inside =
        spot.x >= box.x &&
        spot.y >= box.y &&
        spot.x + spot.width <= box.x + box.width &&
        spot.y + spot.height <= box.y + box.height
      if (!inside) return true
    }
  }
  return false
}

/**
 * What the result must not cover once in `host`: the host's children, and, since a container that
 * does not clip lets its children show over its neighbours, the neighbours of every container
 * above it up to the page.
 */
function obstaclesIn(host: Host, rect: RectangleNode): Rect[] {
  const boxes = host.children.filter((node) => node !== rect).map(absoluteBox)
  for (let inner: BaseNode = host; inner.type !== 'PAGE';) {
    const outer: (BaseNode & ChildrenMixin) | null = inner.parent
    if (outer === null) break
    for (const node of outer.children)
      if (node !== inner && node !== rect) boxes.push(absoluteBox(node))
    inner = outer
  }
  return boxes
}

/**
 * Puts `rect` beside the sources, in the nearest container above them that can hold it where it
 * stays visible (else the page), or at the viewport centre when there is no source. Positions are
 * worked out on the page so the result sits beside its source whichever container takes it.
 */
function position(port: FigmaPort, rect: RectangleNode, sources: SceneNode[]): void {
  const anchor = sources[0]
  if (anchor === undefined) {
    port.currentPage.appendChild(rect)
    const at = centerOn(port.viewport.center, rect)
    rect.x = at.x
    rect.y = at.y
    return
  }
  const near = unionRect(sources.map(absoluteBox))
  for (let host = anchor.parent; host !== null; host = host.parent) {
    if (!canHold(host)) continue
    const at = placeBeside(near, rect, obstaclesIn(host, rect))
    const spot = { ...at, width: rect.width, height: rect.height }
    if (host.type !== 'PAGE' && hides(host, spot)) continue
    host.appendChild(rect)
    const origin = originOf(host)
    rect.x = at.x - origin.x
    rect.y = at.y - origin.y
    return
  }
  throw new Error('The source is not on a page.')
}

/**
 * Selects the result and brings it into view. When the user moved to another page while it was
 * generating, they are left where they are working: it is selected on its own page, ready for
 * when they go back (History takes them there), and a notification says where it went.
 */
function focus(port: FigmaPort, rect: RectangleNode): void {
  const page = pageOf(rect)
  if (page === null || page.id === port.currentPage.id) {
    port.currentPage.selection = [rect]
    port.viewport.scrollAndZoomIntoView([rect])
    return
  }
  page.selection = [rect]
  // Figma cuts notifications at 100 characters: shorten the page name as layer names are.
  port.notify(`Result placed on “${nameFromPrompt(page.name)}”.`)
}

function encodeOrNull(port: FigmaPort, entry: LineageEntry): string | null {
  try {
    return encodeLineage(entry)
  } catch (error) {
    // The image cost a generation: place it without history rather than lose it.
    if (!(error instanceof LineageTooLargeError)) throw error
    port.notify('This result has no Peel history, so Iterate will treat it as a plain image.')
    return null
  }
}

/**
 * Places a generated image as a new rectangle at its pixel size, beside its source, with lineage
 * and an Iterate relaunch button, selected and in view. One undo step per result.
 */
export async function placeResult(port: FigmaPort, params: PlaceResultParams): Promise<PlacedNode> {
  const image = createImageOrExplain(port, params.image)
  const size = await image.getSizeAsync()
  const parent = await readParent(port, params.parentNodeId)
  const encoded = encodeOrNull(
    port,
    buildLineageEntry(params, parent, { ...size, hash: image.hash }, new Date())
  )
  const anchorIds =
    params.anchorNodeId !== undefined
      ? [params.anchorNodeId]
      : params.parentNodeId !== undefined
        ? [params.parentNodeId]
        : params.sources.filter((s) => s.role === 'subject').map((s) => s.id)
  // Style references (a style kit frame, say) are no anchor: with no subject, Create's centre.
  const sources = await resolveSources(port, anchorIds)

  // createRectangle already puts a grey rectangle on the page: any failure must take it away.
  const rect = port.createRectangle()
  try {
    rect.name =
      params.variant === undefined
        ? nameFromPrompt(params.prompt)
        : `${nameFromPrompt(params.prompt)} · v${String(params.variant.index + 1)}`
    rect.resize(size.width, size.height)
    rect.fills = [{ type: 'IMAGE', imageHash: image.hash, scaleMode: 'FILL' }]
    position(port, rect, sources)
    if (encoded !== null) rect.setPluginData(LINEAGE_KEY, encoded)
    rect.setRelaunchData({ iterate: relaunchDescription(params.prompt) })
  } catch (error) {
    rect.remove()
    const reason = error instanceof Error ? error.message : String(error)
    throw new RpcError(
      'internal',
      `Figma could not add the result to the canvas (${reason}). Select another layer, or none, and generate again.`
    )
  }
  focus(port, rect)
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
