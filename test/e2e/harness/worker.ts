/**
 * @module
 * Runs the built plugin main bundle (code.js) in a Worker against the fake Figma host. Browser APIs
 * that Figma's sandbox lacks are removed first, so code.js fails here as it would in Figma.
 */
import { type Encoder, FakeFigma } from '../../fakes/fake-figma'
import type { FakeNode } from '../../fakes/fake-node'
import { dashboard, landingPage, mobileScreen } from '../../fakes/realistic-frames'

interface Setup {
  scenario: 'empty' | 'one-frame' | 'three-frames'
  select: string[]
  command?: string
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

function build(fake: FakeFigma, scenario: Setup['scenario']): void {
  if (scenario === 'empty') return
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
    host.toUi = (message) => {
      postMessage({ to: 'ui', msg: message })
    }
    fake = host
    Object.assign(globalThis, { figma: host, __html__: '' })
    strip()
    importScripts(setup.codeUrl)
    postMessage({ to: 'ready' })
  } else if (to === 'main') fake?.fromUi(msg)
  else if (to === 'snapshot') {
    postMessage({
      to: 'snapshot',
      msg: {
        page: snapshot(fake?.currentPage as FakeNode),
        undo: fake?.undoCommits.length,
        selection: fake?.currentPage.selection.map((n) => n.id),
      },
    })
  } else if (to === 'select') {
    const ids = msg as string[]
    const nodes = (fake?.currentPage.children ?? []).filter(
      (n) => ids.includes(n.id) || ids.includes(n.name)
    )
    fake?.select(nodes)
  }
}
