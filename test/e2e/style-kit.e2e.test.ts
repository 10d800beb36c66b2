/**
 * The style kit in Chromium: pin a frame as the document's style, use it in Create, and watch the
 * kit follow the frame when it is renamed and drop it when it is deleted.
 */
import { describe, expect, it } from 'vitest'

import { StoredStyleKitSchema } from '../../protocol/style-kit'
import { generate, host, lineage, openPlugin, results, snapshot } from './plugin-page'
import { usePluginEnv } from './use-plugin-env'

const TOKEN = 'kit'
const env = usePluginEnv(TOKEN)

describe('style kit in Chromium', () => {
  it('pins, uses in Create, follows a rename and drops a deleted frame', async () => {
    const { page, ui } = await openPlugin(env.harness, {
      scenario: 'batch',
      select: ['Brand'],
      serverUrl: env.peel.url,
      token: TOKEN,
    })
    const brand = (await snapshot(page)).page.children.find((n) => n.name === 'Brand')
    await ui.getByRole('button', { name: 'Pin as style' }).click()
    const frames = ui.getByTestId('kit-frame')
    await expect.poll(() => frames.allTextContents()).toEqual(['BrandUnpin'])
    const stored = StoredStyleKitSchema.parse(
      JSON.parse((await snapshot(page)).rootData['peel.styleKit'] ?? '')
    )
    expect(stored.frames).toEqual([{ nodeId: brand?.id, name: 'Brand' }])

    // Create mode still offers the kit; the run sends it as a style reference.
    await host(page, 'select', [])
    await expect.poll(() => ui.locator('.mode-title').textContent()).toBe('Create')
    expect(await ui.getByLabel('Use style kit (1)').isChecked()).toBe(true)
    await generate(ui, 'A product card')
    await ui.getByText(/Placed “A product card”/).waitFor()
    const [card] = results(await snapshot(page))
    expect(lineage(card).sources).toEqual([{ id: brand?.id, name: 'Brand', role: 'style' }])
    expect(lineage(card).origin).toBe('create')
    // A style reference is no anchor: Create still lands at the viewport centre.
    expect((card?.x ?? 0) + (card?.width ?? 0) / 2).toBeCloseTo(720, -1)

    await host(page, 'rename', ['Brand'], 'Brand 2025')
    await host(page, 'select', [])
    await expect.poll(() => frames.allTextContents()).toEqual(['Brand 2025Unpin'])
    expect((await snapshot(page)).rootData['peel.styleKit']).toContain('Brand 2025')

    await host(page, 'remove', ['Brand 2025'])
    await host(page, 'select', [])
    await expect.poll(() => frames.count()).toBe(0)
    await ui.getByText('“Brand 2025” was deleted, so it left the style kit.').waitFor()
    expect((await snapshot(page)).rootData['peel.styleKit']).toBeUndefined()
    expect(await ui.getByLabel('Use style kit (0)').isDisabled()).toBe(true)
    await page.close()
  })
})
