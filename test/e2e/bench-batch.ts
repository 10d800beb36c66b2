/**
 * @module
 * `npm run bench:batch`: a batch restyle of 12 frames at concurrency 4 against a simulator that
 * takes 2000 ms per call, driven through the real panel in Chromium. Prints the wall time from the
 * click to "12 of 12 done" against the ideal ceil(12/4) × 2 s.
 *
 * The time is taken inside the panel, from the click event to the DOM change: the test driver's
 * own view adds its round trips to the browser and the polling step of `waitFor` (up to 0.5 s).
 */
import { startPeel } from '../helpers/start-peel'
import { startHarness } from './harness/start-harness'
import { openPlugin } from './plugin-page'

const FRAMES = 12
const CONCURRENCY = 4
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 2000)

export interface BatchFigures {
  /** From the click to "12 of 12 done", timed inside the panel. */
  wallMs: number
  /** The same span seen from the test driver, which adds its own round trips to the browser. */
  driverMs: number
  idealMs: number
}

export async function benchBatch(): Promise<BatchFigures> {
  const peel = await startPeel({ tokens: ['bench-x7w2q5k3y9z0a1'], simulatorLatencyMs: LATENCY_MS })
  const harness = await startHarness([peel.url])
  try {
    const names = Array.from({ length: FRAMES }, (_, i) => `Frame ${String(i + 1)}`)
    const { page, ui } = await openPlugin(harness, {
      scenario: 'twelve-frames',
      select: [...names, 'Brand'],
      serverUrl: peel.url,
      token: 'bench-x7w2q5k3y9z0a1',
    })
    await ui.getByRole('button', { name: 'Style reference: Brand' }).click()
    await ui.getByLabel('At once').selectOption(String(CONCURRENCY))
    const start = ui.getByRole('button', { name: `Apply style to ${String(FRAMES)} frames` })
    await start.waitFor()
    const done = `${String(FRAMES)} of ${String(FRAMES)} done`
    // The panel's own clock: the click event to the moment the count reads "12 of 12 done".
    await ui.locator('body').evaluate((body, text) => {
      const doc = body.ownerDocument
      const times = { clickedAt: NaN, doneAt: NaN }
      Object.assign(globalThis, { peelBench: times })
      doc.addEventListener('click', () => (times.clickedAt = performance.now()), {
        capture: true,
        once: true,
      })
      const observer = new MutationObserver(() => {
        const count = doc.querySelector('[data-testid="batch-count"]')
        if (count?.textContent.trim() !== text) return
        times.doneAt = performance.now()
        observer.disconnect()
      })
      observer.observe(body, { subtree: true, childList: true, characterData: true })
    }, done)
    const t0 = performance.now()
    await start.click()
    await ui
      .getByTestId('batch-count')
      .getByText(done, { exact: true })
      .waitFor({ timeout: 120_000 })
    const driverMs = performance.now() - t0
    const { clickedAt, doneAt } = await ui
      .locator('body')
      .evaluate(() => (globalThis as unknown as { peelBench: Record<string, number> }).peelBench)
    await page.close()
    const wallMs = (doneAt ?? NaN) - (clickedAt ?? NaN)
    if (!Number.isFinite(wallMs)) throw new Error('The panel did not record the batch’s times.')
    return {
      wallMs,
      driverMs,
      idealMs: Math.ceil(FRAMES / CONCURRENCY) * LATENCY_MS,
    }
  } finally {
    await harness.close()
    await peel.close()
  }
}
