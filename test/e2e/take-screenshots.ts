/**
 * @module
 * `npm run screenshots`: PNGs of the panel in each mode and state, light and dark, and of Peel
 * Studio, under screenshots/ (git-ignored) for a person to look at.
 */
import { mkdir } from 'node:fs/promises'

import type { FrameLocator, Page } from 'playwright-core'

import { startPeel } from '../helpers/start-peel'
import { startHarness } from './harness/start-harness'
import { takeStudioScreenshots } from './take-studio-screenshots'

interface Shot {
  name: string
  scenario: string
  select?: string[]
  slow?: boolean
  act?: (ui: FrameLocator, page: Page) => Promise<void>
}

const prompt = (ui: FrameLocator) => ui.getByLabel(/^(Prompt|What should change\?)$/)

const SHOTS: Shot[] = [
  { name: 'create-idle', scenario: 'empty' },
  {
    name: 'edit-references',
    scenario: 'three-frames',
    select: ['Landing', 'Dashboard', 'Mobile'],
    act: async (ui) => {
      await ui.locator('img.thumb').nth(2).waitFor()
      await ui.getByRole('button', { name: 'Style reference: Mobile' }).click()
      await prompt(ui).fill('Combine these into one hero image')
    },
  },
  {
    name: 'generating',
    scenario: 'one-frame',
    select: ['Landing'],
    slow: true,
    act: async (ui) => {
      await prompt(ui).fill('Make it a night theme')
      await ui.getByRole('button', { name: 'Generate' }).click()
      await ui.getByText('Sending to Gemini…').waitFor()
      await new Promise((r) => setTimeout(r, 1200))
    },
  },
  {
    name: 'error',
    scenario: 'empty',
    act: async (ui) => {
      await prompt(ui).fill('Something [sim:image_safety]')
      await ui.getByRole('button', { name: 'Generate' }).click()
      await ui.locator('.error').waitFor()
    },
  },
  {
    name: 'result-iterate',
    scenario: 'empty',
    act: async (ui) => {
      await prompt(ui).fill('A lighthouse at dusk')
      await ui.getByRole('button', { name: 'Generate' }).click()
      await ui.getByText(/Placed/).waitFor()
      await ui.locator('.chain').waitFor()
    },
  },
  {
    name: 'batch',
    scenario: 'batch',
    select: ['Card 1', 'Card 2', 'Card 3', 'Card 4', 'Card 5', 'Card 6 [sim:503]', 'Brand'],
    act: async (ui) => {
      await ui.getByRole('button', { name: 'Style reference: Brand' }).click()
      await ui.getByRole('button', { name: 'Apply style to 6 frames' }).click()
      await ui.getByText('6 of 6 done (1 failed)').waitFor({ timeout: 60_000 })
      await ui.locator('.batch').scrollIntoViewIfNeeded()
    },
  },
  {
    name: 'variants',
    scenario: 'one-frame',
    select: ['Landing'],
    act: async (ui) => {
      await ui.getByLabel('Variants').selectOption('3')
      await prompt(ui).fill('Three moods')
      await ui.getByRole('button', { name: 'Generate' }).click()
      await ui.getByRole('button', { name: 'Keep variant 3 and remove the others' }).waitFor()
    },
  },
  {
    name: 'history',
    scenario: 'one-frame',
    select: ['Landing'],
    act: async (ui) => {
      await prompt(ui).fill('Make it a night theme')
      await ui.getByRole('button', { name: 'Generate' }).click()
      await ui.getByText(/Placed “Make it a night theme”/).waitFor()
      await prompt(ui).fill('Add a crescent moon above the headline')
      await ui.getByRole('button', { name: 'Generate' }).click()
      await ui.getByText(/Placed “Add a crescent moon/).waitFor()
      await ui.getByRole('button', { name: 'History' }).click()
      await ui.getByTestId('history-item').nth(1).waitFor()
    },
  },
  {
    name: 'style-kit',
    scenario: 'batch',
    select: ['Brand'],
    act: async (ui) => {
      await ui.getByRole('button', { name: 'Pin as style' }).click()
      await ui.getByTestId('kit-frame').waitFor()
      await prompt(ui).fill('A launch banner for the spring collection')
    },
  },
  {
    name: 'settings',
    scenario: 'empty',
    act: async (ui) => {
      await ui.getByRole('button', { name: /Settings/ }).click()
      await ui.getByText(/Online/).waitFor()
    },
  },
]

export async function takeScreenshots(outDir = 'screenshots'): Promise<string[]> {
  await mkdir(outDir, { recursive: true })
  const peel = await startPeel({ tokens: ['shots-x7w2q5k3y9z0a1'] })
  const slow = await startPeel({ tokens: ['shots-x7w2q5k3y9z0a1'], simulatorLatencyMs: 20_000 })
  const harness = await startHarness([peel.url, slow.url])
  const written: string[] = []
  try {
    for (const theme of ['light', 'dark'] as const) {
      for (const shot of SHOTS) {
        const page = await harness.browser.newPage({ viewport: { width: 400, height: 700 } })
        await page.goto(harness.url)
        const setup = {
          scenario: shot.scenario,
          select: shot.select ?? [],
          settings: {
            serverUrl: shot.slow === true ? slow.url : peel.url,
            token: 'shots-x7w2q5k3y9z0a1',
            geminiKey: '',
          },
        }
        await page.evaluate(
          ([s, t]) =>
            (
              window as unknown as { harness: { start(s: unknown, t: string): Promise<void> } }
            ).harness.start(s, t),
          [setup, theme] as const
        )
        const ui = page.frameLocator('#ui')
        await ui.locator('select').first().waitFor()
        await shot.act?.(ui, page)
        const path = `${outDir}/${shot.name}-${theme}.png`
        await page.locator('#ui').screenshot({ path })
        written.push(path)
        await page.close()
      }
    }
    written.push(...(await takeStudioScreenshots(harness.browser, outDir)))
  } finally {
    await harness.close()
    await peel.close()
    await slow.close()
  }
  return written
}
