/**
 * @module
 * A typed in-memory Figma host. It implements the parts of `PluginAPI` Peel uses and enforces the
 * documented limits: `createImage` above 4096 px throws, plugin data over 100 kB throws, missing
 * keys read "", deleted nodes resolve null, and each page's selection holds only its own nodes. It
 * counts `commitUndo` calls.
 */
import type { FigmaPort } from '../../plugin/figma/port'
import { FakeNode, type NodeHost } from './fake-node'
import { paintNode } from './paint-node'
import { readImageSize } from './read-image-size'

/** Turns painted RGBA pixels into file bytes: sharp in Node, a canvas in the browser. */
export type Encoder = (
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  format: 'PNG' | 'JPG'
) => Promise<Uint8Array>

// Captured at load: the e2e harness removes the global, as Figma's sandbox lacks it.
const clone = globalThis.structuredClone.bind(globalThis)

/** `createImage` rejects images larger than this on either side. */
export const MAX_IMAGE_SIDE = 4096

/** The page node, with its own selection: Figma keeps one per page. */
export class FakePage extends FakeNode {
  private current: FakeNode[] = []

  get selection(): FakeNode[] {
    return this.current.filter((node) => !node.removed && pageOf(node) === this)
  }

  set selection(nodes: readonly FakeNode[]) {
    if (nodes.some((node) => node.removed)) throw new Error('Cannot select a removed node')
    if (nodes.some((node) => pageOf(node) !== this))
      throw new Error('Cannot select a node that is not on this page')
    this.current = [...nodes]
  }
}

function pageOf(node: FakeNode): FakeNode | null {
  let current: FakeNode | null = node
  while (current !== null && current.type !== 'PAGE') current = current.parent
  return current
}

class FakeImage implements Pick<Image, 'hash' | 'getBytesAsync' | 'getSizeAsync'> {
  constructor(
    readonly hash: string,
    private readonly bytes: Uint8Array,
    private readonly size: { width: number; height: number }
  ) {}

  getBytesAsync(): Promise<Uint8Array> {
    return Promise.resolve(this.bytes.slice())
  }

  getSizeAsync(): Promise<{ width: number; height: number }> {
    return Promise.resolve({ ...this.size })
  }
}

function hashBytes(bytes: Uint8Array): string {
  let a = 2166136261
  let b = 5381
  for (const byte of bytes) {
    a = Math.imul(a ^ byte, 16777619)
    b = Math.imul(b, 33) ^ byte
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`
}

type Listener = (...args: unknown[]) => void

/** Options for a fresh fake document. */
export interface FakeFigmaOptions {
  encode?: Encoder
  pluginId?: string
  command?: string
  viewportCenter?: { x: number; y: number }
}

/** The fake host. Use `port` where handlers take a `FigmaPort`, or install it as `figma`. */
export class FakeFigma {
  readonly undoCommits: number[] = []
  readonly notifications: string[] = []
  readonly exports: { nodeId: string; settings: ExportSettingsImage; bytes: number }[] = []
  readonly scrolledTo: string[][] = []
  readonly storage = new Map<string, unknown>()
  readonly root: FakeNode
  currentPage: FakePage
  command: string
  showUIOptions: ShowUIOptions | undefined
  /** The message `closePlugin` was called with; null while the plugin runs. */
  closedWith: string | null = null
  private readonly nodes = new Map<string, FakeNode>()
  private readonly images = new Map<string, FakeImage>()
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly uiListeners = new Set<Listener>()
  private counter = 0
  private undoCounter = 0
  readonly host: NodeHost
  /** Where main's `figma.ui.postMessage` goes. */
  toUi: (message: unknown) => void = () => undefined

  constructor(private readonly options: FakeFigmaOptions = {}) {
    this.command = options.command ?? ''
    this.viewport.center = options.viewportCenter ?? { x: 0, y: 0 }
    this.host = {
      pluginId: options.pluginId ?? 'peel-dev',
      nextId: () => String(++this.counter),
      register: (node) => this.nodes.set(node.id, node),
      exportNode: (node, settings) => this.exportNode(node, settings),
    }
    this.root = new FakeNode(this.host, 'DOCUMENT', { name: 'Document' })
    this.currentPage = new FakePage(this.host, 'PAGE', { name: 'Page 1' })
    this.root.appendChild(this.currentPage)
  }

  /** Adds another page to the document; under dynamic-page it must be loaded before a search. */
  addPage(name: string): FakePage {
    const page = new FakePage(this.host, 'PAGE', { name })
    page.loaded = false
    this.root.appendChild(page)
    return page
  }

  /** Like Figma under `documentAccess: dynamic-page`, switching pages is async. */
  setCurrentPageAsync(page: FakePage): Promise<void> {
    this.currentPage = page
    page.loaded = true
    queueMicrotask(() => {
      this.emit('currentpagechange')
    })
    return Promise.resolve()
  }

  loadAllPagesAsync(): Promise<void> {
    for (const page of this.root.children ?? []) page.loaded = true
    return Promise.resolve()
  }

  closePlugin(message?: string): void {
    this.closedWith = message ?? ''
  }

  /** Adds a node under `parent` (the current page by default). */
  add(
    type: NodeType,
    props: ConstructorParameters<typeof FakeNode>[2] = {},
    parent?: FakeNode
  ): FakeNode {
    const node = new FakeNode(this.host, type, props)
    ;(parent ?? this.currentPage).adopt(node)
    return node
  }

  /** Changes the selection and fires `selectionchange` asynchronously, as Figma does. */
  select(nodes: readonly FakeNode[]): void {
    this.currentPage.selection = nodes
    queueMicrotask(() => {
      this.emit('selectionchange')
    })
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args)
  }

  /** Delivers a message from the UI to main's listeners. */
  fromUi(message: unknown): void {
    for (const listener of this.uiListeners) listener(message, { origin: 'null' })
  }

  getNodeByIdAsync(id: string): Promise<FakeNode | null> {
    const node = this.nodes.get(id)
    const attached =
      node !== undefined && !node.removed && (node.parent !== null || node.type === 'PAGE')
    return Promise.resolve(attached ? node : null)
  }

  createRectangle(): FakeNode {
    return this.add('RECTANGLE', {
      name: 'Rectangle',
      fills: [{ type: 'SOLID', color: { r: 0.85, g: 0.85, b: 0.85 } }],
    })
  }

  createImage(bytes: Uint8Array): FakeImage {
    const info = readImageSize(bytes)
    if (info === null) throw new Error('Image type is unsupported')
    if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE)
      throw new Error('Image is too large')
    if (info.width < 1 || info.height < 1) throw new Error('Image is too small')
    const hash = hashBytes(bytes)
    const image = new FakeImage(hash, bytes.slice(), { width: info.width, height: info.height })
    this.images.set(hash, image)
    return image
  }

  getImageByHash(hash: string): FakeImage | null {
    return this.images.get(hash) ?? null
  }

  readonly viewport = {
    center: { x: 0, y: 0 },
    zoom: 1,
    scrollAndZoomIntoView: (nodes: readonly { id: string }[]): void => {
      this.scrolledTo.push(nodes.map((node) => node.id))
    },
  }

  commitUndo(): void {
    this.undoCommits.push(++this.undoCounter)
  }

  notify(message: string): { cancel(): void } {
    this.notifications.push(message)
    return { cancel: () => undefined }
  }

  readonly clientStorage = {
    getAsync: (key: string): Promise<unknown> => Promise.resolve(clone(this.storage.get(key))),
    setAsync: (key: string, value: unknown): Promise<void> => {
      this.storage.set(key, clone(value))
      return Promise.resolve()
    },
    deleteAsync: (key: string): Promise<void> => {
      this.storage.delete(key)
      return Promise.resolve()
    },
    keysAsync: (): Promise<string[]> => Promise.resolve([...this.storage.keys()]),
  }

  readonly ui = {
    postMessage: (message: unknown): void => {
      this.toUi(message)
    },
    on: (_type: 'message', listener: Listener): void => {
      this.uiListeners.add(listener)
    },
    off: (_type: 'message', listener: Listener): void => {
      this.uiListeners.delete(listener)
    },
    show: (): void => {
      this.showUIOptions = { ...this.showUIOptions, visible: true }
    },
  }

  /** Quick-action input handlers main registered (the palette's typing phase). */
  readonly inputHandlers: Listener[] = []
  readonly parameters = {
    on: (_type: 'input', listener: Listener): void => {
      this.inputHandlers.push(listener)
    },
  }

  showUI(_html: string, options?: ShowUIOptions): void {
    this.showUIOptions = options
  }

  on(event: string, listener: Listener): void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener)
    this.listeners.set(event, set)
  }

  /** This host as the port the handlers take. The cast is the one place the fake meets the
   * full `PluginAPI` type: members Peel does not use are absent and would fail loudly. */
  get port(): FigmaPort {
    return this as unknown as FigmaPort
  }

  private async exportNode(node: FakeNode, settings: ExportSettingsImage): Promise<Uint8Array> {
    if (node.failExport) throw new Error(`Failed to export ${node.type} node`)
    const encode = this.options.encode
    if (encode === undefined) throw new Error('This fake host was created without an encoder')
    const { width, height } = exportSize(node, settings.constraint)
    const bytes = await encode(
      paintNode(node.toPaintable(), width, height),
      width,
      height,
      settings.format
    )
    this.exports.push({ nodeId: node.id, settings, bytes: bytes.length })
    return bytes
  }
}

/** The pixel size `exportAsync` produces for a constraint (default: 1x). */
export function exportSize(
  node: { width: number; height: number },
  constraint: ExportSettingsConstraints | undefined
): { width: number; height: number } {
  const scale =
    constraint === undefined
      ? 1
      : constraint.type === 'SCALE'
        ? constraint.value
        : constraint.type === 'WIDTH'
          ? constraint.value / node.width
          : constraint.value / node.height
  return {
    width: Math.max(1, Math.round(node.width * scale)),
    height: Math.max(1, Math.round(node.height * scale)),
  }
}
