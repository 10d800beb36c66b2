/**
 * End to end in Chromium: the built ui.html and code.js against the fake Figma host, talking to a
 * real Peel server in simulator mode on loopback.
 */
import { describe, expect, it } from 'vitest'

import { generate, lineage, openPlugin, results, snapshot } from './plugin-page'
import { usePluginEnv } from './use-plugin-env'

const TOKEN = 'e2e-token-x7w2q5k3y9z'
const env = usePluginEnv(TOKEN, { slowLatencyMs: 5000 })

function open(setup: { scenario: string; select?: string[]; serverUrl?: string; token?: string }) {
  return openPlugin(env.harness, {
    ...setup,
    serverUrl: setup.serverUrl ?? env.peel.url,
    token: setup.token ?? TOKEN,
  })
}

describe('Peel plugin in Chromium', () => {
  it('Create: text to image, centred in the viewport, with lineage and relaunch data', async () => {
    const { page, ui } = await open({ scenario: 'empty' })
    await expect.poll(() => ui.locator('.mode-title').textContent()).toBe('Create')
    await ui.getByLabel('Prompt').fill('A paper boat on a pond')
    await ui.getByLabel('Aspect ratio').selectOption('16:9')
    await ui.getByLabel('Prompt').press('Control+Enter')
    await ui.getByText(/Placed “A paper boat on a pond”/).waitFor()
    const snap = await snapshot(page)
    const [rect] = results(snap)
    expect(rect).toMatchObject({
      type: 'RECTANGLE',
      width: 1376,
      height: 768,
      parentId: snap.page.id,
      fills: ['IMAGE'],
    })
    expect([rect?.x, rect?.y]).toEqual([720 - 688, 450 - 384])
    expect(lineage(rect)).toMatchObject({
      prompt: 'A paper boat on a pond',
      parent: null,
      options: { aspectRatio: '16:9' },
    })
    expect(rect?.relaunchData).toEqual({ iterate: 'Prompt: A paper boat on a pond' })
    expect(snap.selection).toEqual([rect?.id])
    expect(snap.undo).toBe(1)
    await page.close()
  })

  it('Edit from one frame: match-frame ratio, placed to its right in the same parent', async () => {
    const { page, ui } = await open({ scenario: 'one-frame', select: ['Landing'] })
    await expect.poll(() => ui.locator('.mode-title').textContent()).toBe('Edit')
    await expect.poll(() => ui.getByTestId('reference-count').textContent()).toMatch(/^1 \/ \d+/)
    await expect.poll(() => ui.locator('img.thumb').count()).toBe(1)
    await generate(ui, 'Make it a night theme')
    await ui.getByText(/Placed/).waitFor()
    const snap = await snapshot(page)
    const [rect] = results(snap)
    const landing = snap.page.children.find((n) => n.name === 'Landing')
    // 1440×900 is nearest 3:2 on a log scale; 3:2 at 1K is 1264×848.
    expect(rect).toMatchObject({
      width: 1264,
      height: 848,
      parentId: snap.page.id,
      x: 1440 + 40,
      y: 0,
    })
    expect(lineage(rect)).toMatchObject({
      options: { aspectRatio: '3:2' },
      sources: [{ id: landing?.id, name: 'Landing', role: 'subject' }],
    })
    await page.close()
  })

  it('Compose from three frames with one style reference', async () => {
    const { page, ui } = await open({
      scenario: 'three-frames',
      select: ['Landing', 'Dashboard', 'Mobile'],
    })
    await expect.poll(() => ui.getByTestId('reference-count').textContent()).toMatch(/^3 \//)
    await ui.getByRole('button', { name: 'Style reference: Mobile' }).click()
    await generate(ui, 'Combine these into one hero')
    await ui.getByText(/Placed/).waitFor()
    const snap = await snapshot(page)
    const [rect] = results(snap)
    expect(lineage(rect).sources.map((s) => [s.name, s.role])).toEqual([
      ['Landing', 'subject'],
      ['Dashboard', 'subject'],
      ['Mobile', 'style'],
    ])
    // Beside the subject references (Landing and Dashboard end at 1440); the style reference does
    // not anchor placement, and Mobile (from y 1000) is clear of the 848 px tall result.
    expect([rect?.x, rect?.y]).toEqual([1440 + 40, 0])
    await page.close()
  })

  it('Iterate on a result: the chain grows and the parent is linked', async () => {
    const { page, ui } = await open({ scenario: 'empty' })
    await generate(ui, 'A lighthouse')
    await ui.getByText(/Placed/).waitFor()
    await expect.poll(() => ui.locator('.mode-title').textContent()).toBe('Iterate')
    await ui.getByText('A lighthouse', { exact: true }).waitFor()
    await generate(ui, 'At night')
    await ui.getByText(/Placed “At night”/).waitFor()
    const snap = await snapshot(page)
    const [first, second] = results(snap)
    const entry = lineage(second)
    expect(entry.parent).toEqual({ nodeId: first?.id, generationId: lineage(first).generationId })
    expect(entry.next.chain).toEqual(['A lighthouse', 'At night'])
    expect(second?.x).toBe((first?.x ?? 0) + (first?.width ?? 0) + 40)
    expect(snap.undo).toBe(2)
    await page.close()
  })

  it('Cancel aborts the stream, sends DELETE with the same key, and places nothing', async () => {
    const { page, ui, failed, requests } = await open({
      scenario: 'empty',
      serverUrl: env.slow.url,
    })
    await generate(ui, 'Slow boat [sim:latency=5000]')
    await expect.poll(() => ui.getByTestId('stage').textContent()).toMatch(/Sending to Gemini/)
    await ui.getByRole('button', { name: 'Cancel' }).click()
    await ui.getByText('Cancelled. Nothing was placed.').waitFor()
    await expect
      .poll(() => failed.some((f) => f.includes('/v1/generations') && f.includes('ABORTED')))
      .toBe(true)
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/v1/generations'))
    expect(post?.key).toMatch(/^[0-9a-f-]{36}$/)
    await expect
      .poll(() =>
        requests.some((r) => r.method === 'DELETE' && r.url.endsWith(`/${post?.key ?? ''}`))
      )
      .toBe(true)
    await new Promise((r) => setTimeout(r, 5500))
    expect(results(await snapshot(page))).toEqual([])
    await page.close()
  })

  it('shows a content block with its next step', async () => {
    const { page, ui } = await open({ scenario: 'empty' })
    await generate(ui, 'Something [sim:image_safety]')
    const alert = ui.locator('.error[data-code="content_blocked"]')
    await alert.waitFor()
    // The server's sentence, then the code's own next step under it.
    expect(await alert.locator('.error-message').textContent()).toMatch(/Rephrase the prompt/)
    expect(await alert.locator('.error-next').textContent()).toMatch(/Describe the scene/)
    expect(results(await snapshot(page))).toEqual([])
    await page.close()
  })

  it('shows a bad token as unauthorized', async () => {
    const { page, ui } = await open({ scenario: 'empty', token: 'wrong' })
    const alert = ui.locator('.error[data-code="unauthorized"]')
    await alert.waitFor()
    expect(await alert.locator('.error-message').textContent()).toMatch(/Check it in Peel settings/)
    expect(await alert.locator('.error-next').textContent()).toMatch(/enter the access token/)
    await page.close()
  })

  it('shows a server that is down as offline', async () => {
    const { page, ui } = await open({ scenario: 'empty', serverUrl: env.deadUrl })
    const alert = ui.locator('.error[data-code="network"]')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/cannot reach the server/)
    await ui.getByRole('button', { name: /Settings/ }).click()
    await expect.poll(() => ui.getByTestId('connection').textContent()).toMatch(/Offline/)
    await page.close()
  })
})
