/**
 * The style kit in Chromium: pin a frame as the document's style, use it in Create, and watch the
 * kit follow the frame when it is renamed and leave it out while it is deleted, without writing
 * the document on a plain read (so an undone deletion brings the frame back).
 */
import { describe, expect, it } from 'vitest'

import { StoredStyleKitSchema } from '../../protocol/style-kit'
import { generate, host, lineage, openPlugin, results, snapshot } from './plugin-page'
import { usePluginEnv } from './use-plugin-env'

const TOKEN = 'kit-x7w2q5k3y9z0a1'
const env = usePluginEnv(TOKEN)

describe('style kit in Chromium', () => {
  it('pins, uses in Create, follows a rename and leaves out a deleted frame', async () => {
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
    const pinned = (await snapshot(page)).rootData['peel.styleKit']

    await host(page, 'remove', ['Brand 2025'])
    await host(page, 'select', [])
    await expect.poll(() => frames.count()).toBe(0)
    await ui.getByText(/is missing from the file, so the style kit leaves it out/).waitFor()
    expect(await ui.getByLabel('Use style kit (0)').isDisabled()).toBe(true)
    // Reading the kit wrote nothing: undoing the deletion would bring the frame back.
    expect((await snapshot(page)).rootData['peel.styleKit']).toBe(pinned)
    await page.close()
  })
})
