/**
 * @module
 * Every rule about where a result lands: what it goes beside, which container may hold it where
 * it stays visible, how it clears the layers around it, and what the user sees once it is there.
 * The plain geometry (gaps, rows, centring) is in `place-beside.ts`.
 */
import type { PlaceResultParams } from '../../protocol/messages'
import { isShown } from '../figma/is-shown'
import { pageOf } from '../figma/page-of'
import type { FigmaPort } from '../figma/port'
import { reveal } from '../figma/reveal'
import { sceneNodeById } from '../figma/scene-node-by-id'
import { nameFromPrompt } from './name-from-prompt'
import { centerOn, placeBeside, type Rect, unionRect } from './place-beside'

/** A container that takes the result, and where the result goes in its coordinates. */
export interface Landing {
  host: BaseNode & ChildrenMixin
  x: number
  y: number
}

type Host = Landing['host']

/** The last result placed in each variant group, per Figma session, so the next joins its row. */
const rowEnds = new WeakMap<FigmaPort, Map<string, string>>()

function rowEndsOf(port: FigmaPort): Map<string, string> {
  let ends = rowEnds.get(port)
  if (ends === undefined) {
    ends = new Map()
    rowEnds.set(port, ends)
  }
  return ends
}

async function nodesById(port: FigmaPort, ids: readonly string[]): Promise<SceneNode[]> {
  const nodes: SceneNode[] = []
  for (const id of ids) {
    const node = await sceneNodeById(port, id)
    if (node !== null) nodes.push(node)
  }
  return nodes
}

/**
 * What the result goes beside: the variant placed before it in its group, so variants make a row
 * (unless it was deleted since); else the result iterated on; else the subjects. Style references
 * (a style kit frame, say) are no anchor: with none of these the result goes to the viewport
 * centre, as in Create.
 */
export async function anchorsFor(
  port: FigmaPort,
  params: Pick<PlaceResultParams, 'variant' | 'parentNodeId' | 'sources'>
): Promise<SceneNode[]> {
  const rowEnd =
    params.variant === undefined ? undefined : rowEndsOf(port).get(params.variant.group)
  const previous = rowEnd === undefined ? null : await sceneNodeById(port, rowEnd)
  if (previous !== null) return [previous]
  if (params.parentNodeId !== undefined) return nodesById(port, [params.parentNodeId])
  return nodesById(
    port,
    params.sources.filter((s) => s.role === 'subject').map((s) => s.id)
  )
}

/** Records `node` as the end of its variant group's row, once it is on the canvas. */
export function extendRow(
  port: FigmaPort,
  variant: PlaceResultParams['variant'],
  node: SceneNode
): void {
  if (variant !== undefined) rowEndsOf(port).set(variant.group, node.id)
}

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

function encloses(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  )
}

/** True when `node` or a container above it would hide `spot`: hidden, collapsed, clipping. */
function hides(node: BaseNode, spot: Rect): boolean {
  if (!isShown(node)) return true
  for (let current: BaseNode | null = node; current !== null; current = current.parent) {
    if (current.type === 'PAGE') return false
    if (current.type === 'SECTION' && current.sectionContentsHidden) return true
    if ('clipsContent' in current && current.clipsContent && !encloses(absoluteBox(current), spot))
      return true
  }
  return false
}

/**
 * What the result must not cover once in `host`: the host's children, and, since a container that
 * does not clip lets its children show over its neighbours, the neighbours of every container
 * above it up to the page.
 */
function obstaclesIn(host: Host, result: SceneNode): Rect[] {
  const boxes = host.children.filter((node) => node !== result).map(absoluteBox)
  for (let inner: BaseNode = host; inner.type !== 'PAGE';) {
    const outer: (BaseNode & ChildrenMixin) | null = inner.parent
    if (outer === null) break
    for (const node of outer.children)
      if (node !== inner && node !== result) boxes.push(absoluteBox(node))
    inner = outer
  }
  return boxes
}

/**
 * Where `result` lands: beside the sources, in the nearest container above them that can hold it
 * where it stays visible (else the page), or at the viewport centre when there is no source.
 * Positions are worked out on the page so the result sits beside its source whichever container
 * takes it. A source on another page keeps the result there: it lands beside what it came from,
 * not where the user went meanwhile.
 */
export function chooseHost(port: FigmaPort, result: SceneNode, sources: SceneNode[]): Landing {
  const anchor = sources[0]
  if (anchor === undefined)
    return { host: port.currentPage, ...centerOn(port.viewport.center, result) }
  const near = unionRect(sources.map(absoluteBox))
  for (let host = anchor.parent; host !== null; host = host.parent) {
    if (!canHold(host)) continue
    const at = placeBeside(near, result, obstaclesIn(host, result))
    if (host.type !== 'PAGE' && hides(host, { ...at, width: result.width, height: result.height }))
      continue
    const origin = originOf(host)
    return { host, x: at.x - origin.x, y: at.y - origin.y }
  }
  throw new Error('The source is not on a page.')
}

/**
 * Selects the result and brings it into view. When the user moved to another page while it was
 * generating, they are left where they are working: it is selected on its own page, ready for
 * when they go back (History takes them there), and a notification says where it went.
 */
export async function showLanded(port: FigmaPort, result: SceneNode): Promise<void> {
  const page = pageOf(result)
  if (page === null || page.id === port.currentPage.id) {
    await reveal(port, result, port.currentPage)
    return
  }
  page.selection = [result]
  // Figma cuts notifications at 100 characters: shorten the page name as layer names are.
  port.notify(`Result placed on “${nameFromPrompt(page.name)}”.`)
}
