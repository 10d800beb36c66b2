/**
 * @module
 * Runs the built plugin main bundle (code.js) in a Worker against the fake Figma host. Browser APIs
 * that Figma's sandbox lacks are removed first, so code.js fails here as it would in Figma.
 */
import { type Encoder, FakeFigma } from '../../fakes/fake-figma'
import type { FakeNode } from '../../fakes/fake-node'
import { dashboard, landingPage, mobileScreen } from '../../fakes/realistic-frames'

interface Setup {
  scenario: 'empty' | 'one-frame' | 'three-frames' | 'batch' | 'twelve-frames'
  select: string[]
  command?: string
  parameters?: Record<string, string>
  rootData?: Record<string, string>
  settings?: unknown
  codeUrl: string
}

const Canvas = OffscreenCanvas
const Pixels = ImageData

const canvasEncoder: Encoder = async (rgba, width, height, format) => {
  const canvas = new Canvas(width, height)
  const context = canvas.getContext('2d')
  if (context === null) throw new Error('no 2d context')
  context.putImageData(new Pixels(new Uint8ClampedArray(rgba), width, height), 0, 0)
  const type = format === 'PNG' ? 'image/png' : 'image/jpeg'
  const blob = await canvas.convertToBlob({ type, quality: 0.8 })
  return new Uint8Array(await blob.arrayBuffer())
}

/** Frames of different shapes for batch restyles, one per row so results sit beside each. */
export const BATCH_FRAMES: [string, number, number][] = [
  ['Card 1', 400, 300],
  ['Card 2', 300, 400],
  ['Card 3', 480, 270],
  ['Card 4', 400, 400],
  ['Card 5', 270, 480],
  ['Card 6 [sim:503]', 500, 250],
]

function frames(fake: FakeFigma, specs: [string, number, number][]): void {
  specs.forEach(([name, width, height], i) => {
    const frame = fake.add('FRAME', { name, x: 0, y: i * 1500, width, height })
    frame.fills = [{ type: 'SOLID', color: { r: 0.2 + i * 0.1, g: 0.4, b: 0.7 } }]
    fake.add('RECTANGLE', { x: 20, y: 20, width: width / 2, height: 40, fills: frame.fills }, frame)
  })
  const brand = fake.add('FRAME', { name: 'Brand', x: -1000, y: 0, width: 400, height: 400 })
  brand.fills = [{ type: 'SOLID', color: { r: 1, g: 0.5, b: 0.1 } }]
}

function build(fake: FakeFigma, scenario: Setup['scenario']): void {
  if (scenario === 'empty') return
  if (scenario === 'batch') {
    frames(fake, BATCH_FRAMES)
    return
  }
  if (scenario === 'twelve-frames') {
    frames(
      fake,
      Array.from({ length: 12 }, (_, i): [string, number, number] => [
        `Frame ${String(i + 1)}`,
        400,
        300,
      ])
    )
    return
  }
  landingPage(fake, { x: 0, y: 0 })
  if (scenario === 'three-frames') {
    dashboard(fake, { x: 0, y: 1000 })
    mobileScreen(fake, { x: 1400, y: 1000 })
  }
}

function snapshot(node: FakeNode): unknown {
  const data: Record<string, string> = {}
  for (const key of node.getPluginDataKeys()) data[key] = node.getPluginData(key)
  return {
    id: node.id,
    type: node.type,
    name: node.name,
    x: node.x,
    y: node.y,
    width: node.width,
    height: node.height,
    parentId: node.parent?.id ?? null,
    fills: Array.isArray(node.fills) ? node.fills.map((f: Paint) => f.type) : [],
    pluginData: data,
    relaunchData: node.getRelaunchData(),
    children: (node.children ?? []).map(snapshot),
  }
}

let fake: FakeFigma | undefined

function strip(): void {
  // Figma's main thread has none of these (figma-plugins.md, B0).
  for (const name of [
    'TextEncoder',
    'TextDecoder',
    'atob',
    'btoa',
    'URL',
    'structuredClone',
    'crypto',
    'Blob',
    'FileReader',
    'OffscreenCanvas',
    'XMLHttpRequest',
    'fetch',
    'ImageData',
  ]) {
    Object.defineProperty(globalThis, name, {
      value: undefined,
      configurable: true,
      writable: true,
    })
  }
}

self.onmessage = (event: MessageEvent<{ to: string; msg?: unknown; setup?: Setup }>) => {
  const { to, msg, setup } = event.data
  if (to === 'setup' && setup !== undefined) {
    const host = new FakeFigma({
      encode: canvasEncoder,
      command: setup.command ?? '',
      viewportCenter: { x: 720, y: 450 },
    })
    build(host, setup.scenario)
    const byName = new Map((host.currentPage.children ?? []).map((n) => [n.name, n]))
    host.currentPage.selection = setup.select.flatMap((name) => byName.get(name) ?? [])
    if (setup.settings !== undefined) host.storage.set('peel.settings.v1', setup.settings)
    for (const [key, value] of Object.entries(setup.rootData ?? {}))
      host.root.setPluginData(key, value)
    host.toUi = (message) => {
      postMessage({ to: 'ui', msg: message })
    }
    fake = host
    Object.assign(globalThis, { figma: host, __html__: '' })
    strip()
    importScripts(setup.codeUrl)
    // Figma fires `run` once the main code has loaded, with the palette's parameters if any.
    host.emit('run', { command: setup.command ?? '', parameters: setup.parameters })
    postMessage({ to: 'ready' })
  } else if (to === 'main') fake?.fromUi(msg)
  else if (to === 'snapshot') {
    postMessage({
      to: 'snapshot',
      msg: {
        page: snapshot(fake?.currentPage as FakeNode),
        undo: fake?.undoCommits.length,
        selection: fake?.currentPage.selection.map((n) => n.id),
        rootData: Object.fromEntries(
          (fake?.root.getPluginDataKeys() ?? []).map((k) => [k, fake?.root.getPluginData(k)])
        ),
        notifications: fake?.notifications,
        scrolledTo: fake?.scrolledTo,
        closed: fake?.closedWith ?? null,
        uiVisible: fake?.showUIOptions?.visible ?? true,
      },
    })
  } else if (to === 'act') {
    const { action, ids, name } = msg as { action: string; ids: string[]; name?: string }
    const nodes = (fake?.currentPage.children ?? []).filter(
      (n) => ids.includes(n.id) || ids.includes(n.name)
    )
    if (action === 'select') fake?.select(nodes)
    else if (action === 'rename') nodes.forEach((n) => (n.name = name ?? n.name))
    else if (action === 'lock') nodes.forEach((n) => (n.locked = true))
    else if (action === 'remove')
      nodes.forEach((n) => {
        n.remove()
      })
    postMessage({ to: 'acted' })
  }
}
