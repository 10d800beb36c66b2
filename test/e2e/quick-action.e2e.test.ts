/**
 * *Peel → Generate* from the command palette in Chromium: main opens a hidden UI on `run`, the UI
 * generates on the selection against a real Peel server, main places the result, and the plugin
 * closes with one sentence.
 */
import { describe, expect, it } from 'vitest'

import { lineage, openPlugin, results, snapshot } from './plugin-page'
import { usePluginEnv } from './use-plugin-env'

const TOKEN = 'quick-x7w2q5k3y9z0a1'
const env = usePluginEnv(TOKEN)

const quick = (prompt: string, select: string[]) =>
  openPlugin(env.harness, {
    scenario: 'one-frame',
    select,
    serverUrl: env.peel.url,
    token: TOKEN,
    command: 'generate',
    parameters: { prompt },
  })

async function closed(page: Awaited<ReturnType<typeof quick>>['page']): Promise<string> {
  await expect.poll(async () => (await snapshot(page)).closed, { timeout: 20_000 }).not.toBeNull()
  return (await snapshot(page)).closed ?? ''
}

describe('quick action in Chromium', () => {
  it('edits the selected frame without showing the panel, then closes with a sentence', async () => {
    const { page } = await quick('Make it a night theme', ['Landing'])
    expect(await closed(page)).toBe('Peel placed “Make it a night theme”.')
    const snap = await snapshot(page)
    expect(snap.uiVisible).toBe(false)
    const [rect] = results(snap)
    const landing = snap.page.children.find((n) => n.name === 'Landing')
    expect(lineage(rect)).toMatchObject({
      prompt: 'Make it a night theme',
      origin: 'quick',
      sources: [{ id: landing?.id, role: 'subject' }],
    })
    // Beside its source, like the panel's Edit.
    expect(rect?.x).toBe((landing?.width ?? 0) + 40)
    expect(snap.undo).toBe(1)
    await page.close()
  })

  it('closes with what went wrong and what to do, placing nothing', async () => {
    const { page } = await quick('Something [sim:image_safety]', [])
    const message = await closed(page)
    expect(message).toMatch(/^Peel: .*(IMAGE_SAFETY|safety)/i)
    expect(message.length).toBeLessThanOrEqual(100)
    expect(results(await snapshot(page))).toEqual([])
    await page.close()
  })
})
