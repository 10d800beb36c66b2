/**
 * @module
 * In-memory scene nodes for the fake Figma host, typed on @figma/plugin-typings. They enforce the
 * limits Figma documents: plugin data over 100 kB throws, a missing key reads "", relaunch
 * descriptions over 1000 characters throw, removed nodes cannot be used, and reparenting follows
 * Figma's rules (nothing goes into an instance, a component set takes only components).
 */
import { utf8Length } from '../../protocol/utf8-length'
import type { Paintable } from './paint-node'

/** Figma's per-entry plugin data limit, counting plugin id, key and value. */
export const PLUGIN_DATA_LIMIT = 100_000

/** Behaviour the node needs from its host. */
export interface NodeHost {
  pluginId: string
  nextId(): string
  register(node: FakeNode): void
  exportNode(node: FakeNode, settings: ExportSettingsImage): Promise<Uint8Array>
}

const CONTAINERS = new Set([
  'DOCUMENT',
  'PAGE',
  'FRAME',
  'GROUP',
  'COMPONENT',
  'COMPONENT_SET',
  'INSTANCE',
  'SECTION',
])

/** Types whose `clipsContent` Figma turns on by default (BaseFrameMixin). */
const CLIPS_BY_DEFAULT = new Set(['FRAME', 'COMPONENT', 'COMPONENT_SET', 'INSTANCE'])

type Props = Partial<
  Pick<FakeNode, 'name' | 'x' | 'y' | 'width' | 'height' | 'visible' | 'opacity' | 'fills'>
> &
  Partial<Pick<FakeNode, 'strokes' | 'effects' | 'cornerRadius' | 'layoutMode' | 'failExport'>> &
  Partial<Pick<FakeNode, 'clipsContent' | 'rotation' | 'locked'>>

/** One node of any type; containers have `children`. */
export class FakeNode
  implements
    Pick<
      FrameNode,
      'id' | 'name' | 'x' | 'y' | 'width' | 'height' | 'visible' | 'opacity' | 'fills' | 'strokes'
    >,
    Pick<FrameNode, 'effects' | 'cornerRadius' | 'layoutMode' | 'removed'>,
    Pick<FrameNode, 'getPluginData' | 'setPluginData' | 'getPluginDataKeys'>,
    Pick<FrameNode, 'setRelaunchData' | 'getRelaunchData' | 'resize'>,
    Pick<
      FrameNode,
      'clipsContent' | 'absoluteTransform' | 'absoluteBoundingBox' | 'rotation' | 'locked'
    >
{
  readonly id: string
  name = ''
  x = 0
  y = 0
  width = 100
  height = 100
  visible = true
  /** Locked in the layers panel: plugins can still change it, but Peel leaves it alone. */
  locked = false
  /** Degrees counter-clockwise, as in Figma; only `absoluteTransform` accounts for it. */
  rotation = 0
  opacity = 1
  fills: FrameNode['fills'] = []
  strokes: FrameNode['strokes'] = []
  effects: FrameNode['effects'] = []
  cornerRadius: FrameNode['cornerRadius'] = 0
  layoutMode: FrameNode['layoutMode'] = 'NONE'
  clipsContent: boolean
  removed = false
  /** Test switch: this node's export rejects, as some node types do in Figma. */
  failExport = false
  /** Pages only: false until loaded, as under dynamic-page; searching an unloaded page throws. */
  loaded = true
  parent: FakeNode | null = null
  // Declared, not initialised: like Figma, only containers have the property at all.
  declare readonly children: FakeNode[] | undefined
  private readonly pluginData = new Map<string, string>()
  private relaunch: Record<string, string> = {}

  constructor(
    private readonly host: NodeHost,
    readonly type: NodeType,
    props: Props = {}
  ) {
    this.id = type === 'PAGE' ? `0:${host.nextId()}` : `1:${host.nextId()}`
    if (CONTAINERS.has(type))
      Object.defineProperty(this, 'children', { value: [], enumerable: true })
    this.clipsContent = CLIPS_BY_DEFAULT.has(type)
    Object.assign(this, props)
    host.register(this)
  }

  private alive(): void {
    if (this.removed) throw new Error(`The node (${this.id}) does not exist`)
  }

  getPluginData(key: string): string {
    this.alive()
    return this.pluginData.get(key) ?? ''
  }

  setPluginData(key: string, value: string): void {
    this.alive()
    const size = utf8Length(this.host.pluginId) + utf8Length(key) + utf8Length(value)
    if (size > PLUGIN_DATA_LIMIT) throw new Error('Plugin data exceeds the 100 kB entry limit')
    if (value === '') this.pluginData.delete(key)
    else this.pluginData.set(key, value)
  }

  getPluginDataKeys(): string[] {
    return [...this.pluginData.keys()]
  }

  setRelaunchData(data: Record<string, string>): void {
    this.alive()
    for (const description of Object.values(data)) {
      if (description.length > 1000) throw new Error('Relaunch description exceeds 1000 characters')
    }
    this.relaunch = { ...data }
  }

  getRelaunchData(): Record<string, string> {
    return { ...this.relaunch }
  }

  resize(width: number, height: number): void {
    this.alive()
    if (width < 0.01 || height < 0.01) throw new Error('Size must be at least 0.01')
    this.width = width
    this.height = height
  }

  appendChild(child: FakeNode): void {
    const own = child.parent === this ? 1 : 0
    this.insertChild(this.requireChildren().length - own, child)
  }

  insertChild(index: number, child: FakeNode): void {
    this.alive()
    const children = this.requireChildren()
    for (const node of [this, ...this.ancestors()]) {
      if (node === child) throw new Error('Cannot move a node inside itself')
      if (node.type === 'INSTANCE')
        throw new Error('Cannot move node. New parent is an instance or is inside of an instance')
    }
    if (this.type === 'COMPONENT_SET' && child.type !== 'COMPONENT')
      throw new Error('Component sets can only contain components')
    const length = children.length - (child.parent === this ? 1 : 0)
    if (index < 0 || index > length) throw new Error(`Index ${index} is out of range`)
    this.adopt(child, index)
  }

  /**
   * Test set-up only: puts `child` here without Figma's reparenting rules, as a file can already
   * hold layers a plugin could not move there (an instance's sublayers, say).
   */
  adopt(child: FakeNode, index = this.requireChildren().length): void {
    this.alive()
    child.detach()
    this.requireChildren().splice(index, 0, child)
    child.parent = this
  }

  remove(): void {
    this.detach()
    const mark = (node: FakeNode): void => {
      node.removed = true
      node.children?.forEach(mark)
    }
    mark(this)
  }

  /** Pages only: loads the page's content (a no-op here beyond the flag). */
  loadAsync(): Promise<void> {
    this.loaded = true
    return Promise.resolve()
  }

  /** Every descendant carrying any of the given plugin data keys, depth first. */
  findAllWithCriteria(criteria: { pluginData?: { keys?: string[] } }): FakeNode[] {
    if (this.type === 'PAGE' && !this.loaded) {
      throw new Error('Cannot search a page that is not loaded. Call page.loadAsync() first.')
    }
    const keys = criteria.pluginData?.keys
    const found: FakeNode[] = []
    const walk = (node: FakeNode): void => {
      for (const child of node.children ?? []) {
        if (keys === undefined || keys.some((key) => child.pluginData.has(key))) found.push(child)
        walk(child)
      }
    }
    walk(this)
    return found
  }

  exportAsync(settings: ExportSettingsImage = { format: 'PNG' }): Promise<Uint8Array> {
    this.alive()
    return this.host.exportNode(this, settings)
  }

  /** Position in page coordinates; groups share their parent's coordinate space, as in Figma. */
  get absoluteX(): number {
    return this.x + (this.parent !== null && this.parent.type !== 'PAGE' ? this.parent.originX : 0)
  }

  get absoluteY(): number {
    return this.y + (this.parent !== null && this.parent.type !== 'PAGE' ? this.parent.originY : 0)
  }

  /**
   * The page position, and the rotation of this node and its containers (their angles add up,
   * since the fake knows no skew or flips). Positions ignore rotation: tests that rotate check
   * only that a rotated space is recognised, not where things land in it.
   */
  get absoluteTransform(): Transform {
    let degrees = this.rotation
    for (let node = this.parent; node !== null && node.type !== 'PAGE'; node = node.parent)
      degrees += node.rotation
    const radians = (degrees * Math.PI) / 180
    const [cos, sin] = degrees === 0 ? [1, 0] : [Math.cos(radians), Math.sin(radians)]
    return [
      [cos, sin, this.absoluteX],
      [-sin, cos, this.absoluteY],
    ]
  }

  get absoluteBoundingBox(): Rect {
    return { x: this.absoluteX, y: this.absoluteY, width: this.width, height: this.height }
  }

  private get originX(): number {
    return this.type === 'GROUP' ? (this.parent?.originX ?? 0) : this.absoluteX
  }

  private get originY(): number {
    return this.type === 'GROUP' ? (this.parent?.originY ?? 0) : this.absoluteY
  }

  /** The painter's view of this subtree. */
  toPaintable(): Paintable {
    return {
      type: this.type,
      visible: this.visible,
      opacity: this.opacity,
      fills: this.fills,
      absX: this.absoluteX,
      absY: this.absoluteY,
      width: this.width,
      height: this.height,
      paintChildren: (this.children ?? []).map((child) => child.toPaintable()),
    }
  }

  private ancestors(): FakeNode[] {
    const above: FakeNode[] = []
    for (let node = this.parent; node !== null; node = node.parent) above.push(node)
    return above
  }

  private requireChildren(): FakeNode[] {
    if (this.children === undefined) throw new Error(`A ${this.type} node cannot have children`)
    return this.children
  }

  private detach(): void {
    if (this.parent === null) return
    const siblings = this.parent.requireChildren()
    siblings.splice(siblings.indexOf(this), 1)
    this.parent = null
  }
}
