/**
 * @module
 * Shared steps of the browser tests: open the plugin in the harness, read the fake document back,
 * and decode lineage.
 */
import type { FrameLocator, Page } from 'playwright-core'

import { decodeLineage, type LineageEntry } from '../../protocol/lineage'
import type { Harness } from './harness/start-harness'

export interface SnapNode {
  id: string
  type: string
  name: string
  x: number
  y: number
  width: number
  height: number
  parentId: string | null
  fills: string[]
  pluginData: Record<string, string>
  relaunchData: Record<string, string>
  children: SnapNode[]
}
export interface Snapshot {
  page: SnapNode
  undo: number
  selection: string[]
  rootData: Record<string, string>
  notifications: string[]
  scrolledTo: string[][]
  closed: string | null
  uiVisible: boolean
}

export interface OpenOptions {
  scenario: string
  select?: string[]
  serverUrl: string
  token: string
  command?: string
  parameters?: Record<string, string>
  rootData?: Record<string, string>
}

export interface Opened {
  page: Page
  ui: FrameLocator
  requests: { method: string; url: string; key?: string }[]
  failed: string[]
}

export async function openPlugin(harness: Harness, setup: OpenOptions): Promise<Opened> {
  const page = await harness.browser.newPage()
  const requests: Opened['requests'] = []
  const failed: string[] = []
  page.on('request', (r) => {
    requests.push({ method: r.method(), url: r.url(), key: r.headers()['idempotency-key'] })
  })
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`))
  await page.goto(harness.url)
  await page.evaluate(
    (s) =>
      (window as unknown as { harness: { start(s: unknown): Promise<void> } }).harness.start(s),
    {
      scenario: setup.scenario,
      select: setup.select ?? [],
      command: setup.command,
      parameters: setup.parameters,
      rootData: setup.rootData,
      settings: { serverUrl: setup.serverUrl, token: setup.token, geminiKey: '' },
    }
  )
  return { page, ui: page.frameLocator('#ui'), requests, failed }
}

export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() =>
    (window as unknown as { harness: { snapshot(): Promise<Snapshot> } }).harness.snapshot()
  )
}

/** Runs a step of the fake host in the worker: select, rename or remove nodes by id or name. */
export async function host(
  page: Page,
  action: 'select' | 'rename' | 'remove' | 'lock',
  ids: string[],
  name?: string
): Promise<void> {
  await page.evaluate(
    ([a, i, n]) =>
      (
        window as unknown as {
          harness: { act(a: string, i: string[], n?: string): Promise<void> }
        }
      ).harness.act(a, i, n),
    [action, ids, name] as const
  )
}

export function lineage(node: SnapNode | undefined): LineageEntry {
  const decoded = decodeLineage(node?.pluginData['peel.lineage'] ?? '')
  if (!decoded.ok) throw new Error(`no lineage: ${decoded.message}`)
  return decoded.entry
}

export async function generate(ui: FrameLocator, prompt: string): Promise<void> {
  await ui.getByLabel(/^(Prompt|What should change\?)$/).fill(prompt)
  await ui.getByRole('button', { name: 'Generate' }).click()
}

export const results = (snap: Snapshot): SnapNode[] =>
  snap.page.children.filter((n) => n.type === 'RECTANGLE')

/** What the panel showed while it streamed, recorded by a MutationObserver inside the iframe. */
export interface Seen {
  stages: string[]
  previews: string[]
  thoughts: number
}

/** Starts recording every stage text and preview the panel renders, however briefly. */
export async function watchProgress(page: Page): Promise<() => Promise<Seen>> {
  const frame = page.frames().find((f) => f !== page.mainFrame())
  if (frame === undefined) throw new Error('the plugin iframe is not there')
  await frame.evaluate(() => {
    const seen = { stages: [] as string[], previews: [] as string[], thoughts: 0 }
    Object.assign(window, { __seen: seen })
    const check = (): void => {
      const stage = document.querySelector('[data-testid=stage]')?.textContent ?? ''
      if (stage !== '' && seen.stages.at(-1) !== stage) seen.stages.push(stage)
      const src = document.querySelector('img[data-testid=preview]')?.getAttribute('src') ?? ''
      if (src !== '' && !seen.previews.includes(src)) seen.previews.push(src)
      if (document.querySelector('[data-testid=thought]') !== null) seen.thoughts += 1
    }
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    })
  })
  return () => frame.evaluate(() => (window as unknown as { __seen: Seen }).__seen)
}
