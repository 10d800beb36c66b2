/**
 * @module
 * The studio's part of `npm run screenshots`: each state at desktop size in light and dark, and
 * the gallery on a phone, under screenshots/studio-*.png.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { buildStudio } from '../../scripts/build-studio.mjs'
import { loadConfig } from '../../server/config'
import { silentLogger } from '../../server/logger'
import { startPeelServer } from '../../server/start-peel-server'

interface StudioShot {
  name: string
  act?: (page: Page) => Promise<void>
}

const generate = async (page: Page, prompt: string) => {
  await page.getByLabel('Prompt').fill(prompt)
  await page.getByRole('button', { name: 'Generate' }).click()
}

const SHOTS: StudioShot[] = [
  { name: 'empty' },
  {
    name: 'composing',
    act: async (page) => {
      await page.getByLabel('Model').selectOption({ label: 'Nano Banana Pro (Gemini 3 Pro Image)' })
      await page.getByLabel('Aspect ratio').selectOption('16:9')
      await page.getByLabel('Prompt').fill('A lighthouse at dawn, soft fog, 35 mm film')
    },
  },
  {
    name: 'generating',
    act: async (page) => {
      await generate(page, 'A lighthouse at dawn [sim:latency=20000]')
      await page.getByRole('status').waitFor()
      await new Promise((resolve) => setTimeout(resolve, 1200))
    },
  },
  {
    name: 'gallery',
    act: async (page) => {
      await generate(page, 'A lighthouse at dawn')
      await page.getByRole('listitem').first().waitFor()
      await generate(page, 'The same lighthouse at night')
      await page.getByRole('listitem').nth(1).waitFor()
    },
  },
  {
    name: 'error',
    act: async (page) => {
      await generate(page, 'Something [sim:image_safety]')
      await page.getByRole('alert').waitFor()
    },
  },
]

export async function takeStudioScreenshots(browser: Browser, outDir: string): Promise<string[]> {
  const studioDir = (await buildStudio({ outdir: await mkdtemp(join(tmpdir(), 'peel-studio-')) }))
    .outdir
  const peel = await startPeelServer(loadConfig({ PORT: '0' }), { logger: silentLogger, studioDir })
  const written: string[] = []
  const views = [
    { suffix: 'light', colorScheme: 'light', viewport: { width: 1280, height: 800 }, only: [] },
    { suffix: 'dark', colorScheme: 'dark', viewport: { width: 1280, height: 800 }, only: [] },
    {
      suffix: 'phone',
      colorScheme: 'light',
      viewport: { width: 390, height: 844 },
      only: ['gallery'],
    },
  ] as const
  try {
    for (const view of views) {
      for (const shot of SHOTS) {
        if (view.only.length > 0 && !(view.only as readonly string[]).includes(shot.name)) continue
        const page = await browser.newPage({
          viewport: view.viewport,
          colorScheme: view.colorScheme,
        })
        await page.goto(`${peel.url}/studio`)
        await page.getByLabel('Model').waitFor()
        await shot.act?.(page)
        const path = `${outDir}/studio-${shot.name}-${view.suffix}.png`
        await page.screenshot({ path, fullPage: true })
        written.push(path)
        await page.close()
      }
    }
  } finally {
    await peel.close()
  }
  return written
}
