/**
 * Issue 4's workflows in Chromium against a real Peel server in simulator mode: variants and
 * batch restyle.
 */
import { describe, expect, it } from 'vitest'

import { generate, host, lineage, openPlugin, results, snapshot } from './plugin-page'
import { usePluginEnv } from './use-plugin-env'

const TOKEN = 'flows-x7w2q5k3y9z0a1'
const env = usePluginEnv(TOKEN)

const open = (scenario: string, select: string[] = []) =>
  openPlugin(env.harness, { scenario, select, serverUrl: env.peel.url, token: TOKEN })

const CARDS = ['Card 1', 'Card 2', 'Card 3', 'Card 4', 'Card 5', 'Card 6 [sim:503]']

describe('workflows in Chromium', () => {
  it('makes 3 variants in a row beside the source, each with its own lineage, and keeps one', async () => {
    const { page, ui } = await open('one-frame', ['Landing'])
    await ui.getByLabel('Variants').selectOption('3')
    await generate(ui, 'Three moods')
    await ui.getByText(/Placed “Three moods · v1”/).waitFor()
    const rects = results(await snapshot(page)).sort((a, b) => a.x - b.x)
    expect(rects).toHaveLength(3)
    const entries = rects.map(lineage)
    expect(new Set(entries.map((e) => e.variant?.group)).size).toBe(1)
    expect(entries.map((e) => e.variant?.index).sort()).toEqual([0, 1, 2])
    expect(entries.every((e) => e.variant?.count === 3)).toBe(true)
    expect(new Set(entries.map((e) => e.generationId)).size).toBe(3)
    // A row: top-aligned with Landing (1440 wide), 40 px apart.
    expect(rects.map((r) => r.y)).toEqual([0, 0, 0])
    expect(rects[0]?.x).toBe(1440 + 40)
    expect(rects[1]?.x).toBe((rects[0]?.x ?? 0) + (rects[0]?.width ?? 0) + 40)
    expect(rects[2]?.x).toBe((rects[1]?.x ?? 0) + (rects[1]?.width ?? 0) + 40)

    // A variant the designer locked stays, and the panel says so.
    const third = rects.find((r) => lineage(r).variant?.index === 2)
    await host(page, 'lock', [third?.id ?? ''])
    await ui.getByRole('button', { name: 'Keep variant 2 and remove the others' }).click()
    await expect.poll(async () => results(await snapshot(page)).length).toBe(2)
    await ui.getByText(/Peel left one other result alone: locked/).waitFor()
    const snap = await snapshot(page)
    const kept = results(snap).find((r) => r.id !== third?.id)
    expect(lineage(kept).variant?.index).toBe(1)
    expect(results(snap).map((r) => r.id)).toContain(third?.id)
    expect(snap.selection).toEqual([kept?.id])
    await page.close()
  })

  it('restyles 6 frames in one batch; the failed one is retried alone', async () => {
    const { page, ui } = await open('batch', [...CARDS, 'Brand'])
    await ui.getByRole('button', { name: 'Style reference: Brand' }).click()
    await ui.getByRole('button', { name: 'Apply style to 6 frames' }).click()
    const count = ui.getByTestId('batch-count')
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toBe('6 of 6 done (1 failed)')
    const failed = ui.locator('[data-testid=batch-item][data-status=failed]')
    expect(await failed.locator('.error').getAttribute('data-code')).toBe('upstream_unavailable')

    let snap = await snapshot(page)
    const frames = new Map(snap.page.children.map((n) => [n.id, n]))
    const placed = results(snap)
    expect(placed).toHaveLength(5)
    const ids = new Set(placed.map((r) => lineage(r).batch?.id))
    expect(ids.size).toBe(1)
    for (const rect of placed) {
      const entry = lineage(rect)
      const frame = frames.get(entry.sources[0]?.id ?? '')
      expect(entry.sources.map((s) => s.role)).toEqual(['subject', 'style'])
      expect(entry.origin).toBe('batch')
      // Beside its own frame, at (nearly) the frame's aspect ratio.
      expect([rect.x, rect.y]).toEqual([(frame?.x ?? 0) + (frame?.width ?? 0) + 40, frame?.y])
      const ratio = (frame?.width ?? 1) / (frame?.height ?? 1)
      expect(Math.abs(Math.log(rect.width / rect.height / ratio))).toBeLessThan(0.25)
    }

    // The frame is fixed (its name carried the fault), then only that item runs again.
    await host(page, 'rename', ['Card 6 [sim:503]'], 'Card 6')
    const before = placed.length
    await ui.getByRole('button', { name: 'Retry “Card 6 [sim:503]”' }).click()
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('6 of 6 done')
    snap = await snapshot(page)
    const after = results(snap)
    expect(after).toHaveLength(before + 1)
    const retried = after.find((r) => lineage(r).batch?.index === 5)
    expect(lineage(retried).batch).toMatchObject({ id: [...ids][0], count: 6 })
    await page.close()
  })

  it('places each batch result as it arrives, so closing the panel mid-batch loses none', async () => {
    const frames = ['Frame 1', 'Frame 2', 'Frame 3', 'Frame 4']
    const { page, ui } = await open('twelve-frames', [...frames, 'Brand'])
    await ui.getByRole('button', { name: 'Style reference: Brand' }).click()
    await ui.getByLabel('Prompt').fill('Restyle in the brand look [sim:latency=1500]')
    await ui.getByLabel('At once').selectOption('2')
    await ui.getByRole('button', { name: 'Apply style to 4 frames' }).click()
    await expect
      .poll(() => ui.getByTestId('batch-count').textContent(), { timeout: 10_000, interval: 50 })
      .toBe('2 of 4 done')
    await page.evaluate(() => {
      ;(window as unknown as { harness: { closeUi(): void } }).harness.closeUi()
    })
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const snap = await snapshot(page)
    const placed = results(snap)
    expect(placed).toHaveLength(2)
    expect(placed.map((r) => lineage(r).batch?.count)).toEqual([4, 4])
    expect(snap.undo).toBe(2)
    await page.close()
  })
})
