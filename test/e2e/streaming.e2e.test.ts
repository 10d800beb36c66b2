/**
 * Streaming progress, reconnects and cancel in Chromium, against a real Peel server whose
 * simulator the test started itself, so the upstream calls Peel made can be counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './harness/start-harness'
import { generate, lineage, openPlugin, results, snapshot, watchProgress } from './plugin-page'
import { type DropProxy, startDropProxy } from './start-drop-proxy'
import { startObservedPeel } from './start-observed-peel'

const TOKEN = 'stream-token-x7w2q5k3y9z0a1'
let observed: Awaited<ReturnType<typeof startObservedPeel>>
let proxy: DropProxy
let harness: Harness

beforeAll(async () => {
  observed = await startObservedPeel([TOKEN])
  // Cut the first stream once Peel says it is sending to Gemini, while the simulator still waits.
  proxy = await startDropProxy(observed.peel.url, '"stage":"sending"')
  harness = await startHarness([observed.peel.url, proxy.url])
}, 60_000)

afterAll(async () => {
  await harness.close()
  await proxy.close()
  await observed.close()
})

const upstreamCalls = (): number => observed.simulator.requests.length

describe('streamed generations in Chromium', () => {
  it('shows the server stage, a draft preview and thinking while 3 Pro generates', async () => {
    const { page, ui } = await openPlugin(harness, {
      scenario: 'empty',
      serverUrl: observed.peel.url,
      token: TOKEN,
    })
    await ui.getByLabel('Model').selectOption('gemini-3-pro-image')
    const seen = await watchProgress(page)
    await generate(ui, 'A glass teapot on a windowsill')
    await ui.getByText(/Placed “A glass teapot on a windowsill”/).waitFor()
    const shown = await seen()
    expect(shown.previews.length).toBeGreaterThan(0)
    expect(shown.previews.every((src) => src.startsWith('data:image/jpeg;base64,'))).toBe(true)
    expect(shown.stages.some((s) => /Gemini is thinking|Drafting|Sending to Gemini/.test(s))).toBe(
      true
    )
    expect(shown.thoughts).toBeGreaterThan(0)
    expect(lineage(results(await snapshot(page))[0]).model).toBe('gemini-3-pro-image')
    await page.close()
  })

  it('retries a dropped stream with the same key; Gemini is called once', async () => {
    const before = upstreamCalls()
    const { page, ui } = await openPlugin(harness, {
      scenario: 'empty',
      serverUrl: proxy.url,
      token: TOKEN,
    })
    const seen = await watchProgress(page)
    await generate(ui, 'A kite over dunes [sim:latency=1500]')
    await ui.getByText(/Placed “A kite over dunes/).waitFor()
    const posts = proxy.seen.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(posts[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
    expect(posts[1]?.idempotencyKey).toBe(posts[0]?.idempotencyKey)
    expect(upstreamCalls() - before).toBe(1)
    const shown = await seen()
    expect(shown.stages.some((s) => s.startsWith('Reconnecting…'))).toBe(true)
    expect(results(await snapshot(page))).toHaveLength(1)
    await page.close()
  })
})
