/**
 * True multi-turn Iterate in Chromium against a real Peel server and the simulator, which checks
 * thought signatures like Gemini: a missing or altered one is a 400, so a mistake fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './harness/start-harness'
import { generate, host, lineage, openPlugin, results, snapshot } from './plugin-page'
import { startObservedPeel } from './start-observed-peel'

const TOKEN = 'turns-x7w2q5k3y9z0a1'
let server: Awaited<ReturnType<typeof startObservedPeel>>
let harness: Harness

beforeAll(async () => {
  server = await startObservedPeel([TOKEN])
  harness = await startHarness([server.peel.url])
}, 60_000)

afterAll(async () => {
  await harness.close()
  await server.close()
})

interface SentPart {
  text?: string
  inlineData?: { data: string }
  thoughtSignature?: string
}
interface Sent {
  contents: { role: string; parts: SentPart[] }[]
}
const lastSent = (): Sent => server.simulator.requests.at(-1)?.body as Sent

describe('multi-turn Iterate on gemini-3-pro-image', () => {
  it('continues the conversation for three turns, then starts afresh when a parent is deleted', async () => {
    const { page, ui } = await openPlugin(harness, {
      scenario: 'empty',
      serverUrl: server.peel.url,
      token: TOKEN,
    })
    await ui.getByLabel('Model').selectOption('gemini-3-pro-image')
    await generate(ui, 'A poster of a lighthouse')
    await ui.getByText(/Placed “A poster of a lighthouse”/).waitFor()
    await expect
      .poll(() => ui.getByTestId('conversation').textContent())
      .toBe('Continues the Gemini conversation (1 earlier turn).')

    await generate(ui, 'Make the sky purple')
    await ui.getByText(/Placed “Make the sky purple”/).waitFor()
    expect(await ui.getByTestId('conversation-result').textContent()).toBe(
      'Continued the Gemini conversation (1 earlier turn).'
    )
    await generate(ui, 'Add a moon')
    await ui.getByText(/Placed “Add a moon”/).waitFor()

    // The third request carried both earlier exchanges, each model turn with its signatures.
    const third = lastSent()
    expect(third.contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user'])
    for (const turn of [third.contents[1], third.contents[3]]) {
      const image = turn?.parts.find((p) => p.inlineData !== undefined)
      expect(image?.thoughtSignature).toBeTruthy()
    }
    // No reference image rides along: the conversation carries the pictures.
    expect(third.contents[4]?.parts.every((p) => p.inlineData === undefined)).toBe(true)
    expect(third.contents[4]?.parts.at(-1)?.text).toBe('Add a moon')

    const snap = await snapshot(page)
    const byName = new Map(results(snap).map((r) => [r.name, r]))
    const [r1, r2, r3] = ['A poster of a lighthouse', 'Make the sky purple', 'Add a moon'].map(
      (name) => byName.get(name)
    )
    expect(lineage(r3).parent?.nodeId).toBe(r2?.id)
    expect(lineage(r2).parent?.nodeId).toBe(r1?.id)
    for (const r of [r2, r3]) {
      expect(lineage(r).conversation).toMatchObject({ continued: true })
      // Signatures but never bytes in plugin data.
      expect(r?.pluginData['peel.lineage']).toContain('thoughtSignature')
      expect(r?.pluginData['peel.lineage']).not.toContain('iVBOR')
    }

    // Deleting the first result breaks the chain: the panel says so, and Generate edits the
    // current pixels of the selected result in a single turn.
    await host(page, 'remove', [r1?.id ?? ''])
    await host(page, 'select', [r2?.id ?? ''])
    await expect
      .poll(() => ui.getByTestId('conversation').textContent())
      .toMatch(/^An earlier result of this conversation was deleted.*single turn instead\.$/)
    await generate(ui, 'Make it winter')
    await ui.getByText(/Placed “Make it winter”/).waitFor()
    expect(await ui.getByTestId('conversation-result').textContent()).toMatch(/was deleted/)
    const fallback = lastSent()
    expect(fallback.contents).toHaveLength(1)
    expect(fallback.contents[0]?.parts.filter((p) => p.inlineData !== undefined)).toHaveLength(1)
    const r4 = results(await snapshot(page)).find((r) => r.name === 'Make it winter')
    expect(lineage(r4)).toMatchObject({
      parent: { nodeId: r2?.id },
      conversation: { continued: false },
    })
    await page.close()
  })
})
