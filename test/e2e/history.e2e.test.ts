/**
 * The History panel in Chromium: every result in the file newest first, click to select and zoom,
 * Copy details as JSON without image bytes, and deleted results dropping out.
 */
import { describe, expect, it } from 'vitest'

import { generate, host, openPlugin, results, snapshot } from './plugin-page'
import { usePluginEnv } from './use-plugin-env'

const TOKEN = 'history-x7w2q5k3y9z0a1'
const env = usePluginEnv(TOKEN)

describe('History in Chromium', () => {
  it('lists results newest first, selects and zooms, copies details, drops deleted ones', async () => {
    const { page, ui } = await openPlugin(env.harness, {
      scenario: 'one-frame',
      select: ['Landing'],
      serverUrl: env.peel.url,
      token: TOKEN,
    })
    await generate(ui, 'Night theme')
    await ui.getByText(/Placed “Night theme”/).waitFor()
    await generate(ui, 'Add stars')
    await ui.getByText(/Placed “Add stars”/).waitFor()
    const byName = new Map(results(await snapshot(page)).map((r) => [r.name, r]))

    await ui.getByRole('button', { name: 'History' }).click()
    const items = ui.getByTestId('history-item')
    await expect.poll(() => items.count()).toBe(2)
    expect(await items.nth(0).getAttribute('data-node-id')).toBe(byName.get('Add stars')?.id)
    expect(await items.nth(0).textContent()).toMatch(/gemini-3\.1-flash-image · Iterate · step 2/)
    expect(await items.nth(1).textContent()).toMatch(/Night theme.*Edit/)

    const night = byName.get('Night theme')?.id ?? ''
    await ui.getByRole('button', { name: 'Select “Night theme” on Page 1' }).click()
    await expect.poll(async () => (await snapshot(page)).selection).toEqual([night])
    expect((await snapshot(page)).scrolledTo.at(-1)).toEqual([night])

    // What the hidden textarea held when the copy command ran.
    const frame = page.frames().find((f) => f !== page.mainFrame())
    await frame?.evaluate(() => {
      document.addEventListener('copy', () => {
        const area = document.activeElement as HTMLTextAreaElement
        Object.assign(window, { __copied: area.value })
      })
    })
    await ui.getByRole('button', { name: 'Copy details of “Night theme”' }).click()
    await expect
      .poll(() => ui.getByTestId('history-status').textContent())
      .toBe('Copied the details of “Night theme”.')
    const copied = await frame?.evaluate(() => (window as unknown as { __copied: string }).__copied)
    const details = JSON.parse(copied ?? '') as {
      request: { prompt: string; sources: { name: string }[] }
      response: { generationId: string; usage: { totalTokens: number } }
    }
    expect(details.request.prompt).toBe('Night theme')
    expect(details.request.sources.map((s) => s.name)).toEqual(['Landing'])
    expect(details.response.usage.totalTokens).toBeGreaterThan(0)
    expect(copied?.length).toBeLessThan(5_000)
    expect(copied).not.toMatch(/thoughtSignature|iVBOR|\/9j\//)

    await host(page, 'remove', [byName.get('Add stars')?.id ?? ''])
    await ui.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => items.count()).toBe(1)
    expect(await items.nth(0).getAttribute('data-node-id')).toBe(night)
    await page.close()
  })
})
