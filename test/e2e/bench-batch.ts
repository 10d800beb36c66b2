/**
 * @module
 * `npm run bench:batch`: a batch restyle of 12 frames at concurrency 4 against a simulator that
 * takes 2000 ms per call, driven through the real panel in Chromium. Prints the wall time from the
 * click to "12 of 12 done" against the ideal ceil(12/4) × 2 s.
 */
import { startPeel } from '../helpers/start-peel'
import { startHarness } from './harness/start-harness'
import { openPlugin } from './plugin-page'

const FRAMES = 12
const CONCURRENCY = 4
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 2000)

export async function benchBatch(): Promise<{ wallMs: number; idealMs: number }> {
  const peel = await startPeel({ tokens: ['bench'], simulatorLatencyMs: LATENCY_MS })
  const harness = await startHarness([peel.url])
  try {
    const names = Array.from({ length: FRAMES }, (_, i) => `Frame ${String(i + 1)}`)
    const { page, ui } = await openPlugin(harness, {
      scenario: 'twelve-frames',
      select: [...names, 'Brand'],
      serverUrl: peel.url,
      token: 'bench',
    })
    await ui.getByRole('button', { name: 'Use “Brand” as style reference' }).click()
    await ui.getByLabel('At once').selectOption(String(CONCURRENCY))
    const start = ui.getByRole('button', { name: `Apply style to ${String(FRAMES)} frames` })
    await start.waitFor()
    const t0 = performance.now()
    await start.click()
    await ui
      .getByTestId('batch-count')
      .getByText(`${String(FRAMES)} of ${String(FRAMES)} done`, { exact: true })
      .waitFor({ timeout: 120_000 })
    const wallMs = performance.now() - t0
    await page.close()
    return { wallMs, idealMs: Math.ceil(FRAMES / CONCURRENCY) * LATENCY_MS }
  } finally {
    await harness.close()
    await peel.close()
  }
}
