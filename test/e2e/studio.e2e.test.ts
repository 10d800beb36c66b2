import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateRequestSchema } from '../../protocol/api'
import { buildStudio } from '../../scripts/build-studio.mjs'
import { loadConfig } from '../../server/config'
import { silentLogger } from '../../server/logger'
import { type PeelServer, startPeelServer } from '../../server/start-peel-server'
import { chromiumPath } from './harness/start-harness'

const TOKEN = 'studio:tok-studio-x7w2q5k3y9z'

let studioDir: string
let open: PeelServer
let guarded: PeelServer
let browser: Browser

beforeAll(async () => {
  studioDir = (await buildStudio({ outdir: await mkdtemp(join(tmpdir(), 'peel-studio-')) })).outdir
  open = await startPeelServer(loadConfig({ PORT: '0' }), { logger: silentLogger, studioDir })
  guarded = await startPeelServer(loadConfig({ PORT: '0', PEEL_TOKENS: TOKEN }), {
    logger: silentLogger,
    studioDir,
  })
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] })
}, 60_000)
afterAll(async () => {
  await browser.close()
  await open.close()
  await guarded.close()
})

/** A page on the studio that fails the test on any script error or CSP violation. */
async function studio(server: PeelServer): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ acceptDownloads: true })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(`${server.url}/studio`)
  return { page, errors }
}

describe('Peel Studio', () => {
  it('is served with a strict CSP, its page uncached and its hashed assets cached for good', async () => {
    const page = await fetch(`${open.url}/studio`)
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    for (const rule of [
      "script-src 'self'",
      "connect-src 'self'",
      "img-src 'self' blob: data:",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(rule)
    }
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await page.text()
    expect(html).not.toMatch(/<script>/)
    const script = /src="(\/studio\/assets\/main-[A-Z0-9]+\.js)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    const asset = await fetch(`${open.url}${script ?? ''}`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await fetch(`${open.url}/studio/assets/nothing.js`)).status).toBe(404)
    const off = await startPeelServer(loadConfig({ PORT: '0', PEEL_STUDIO: 'false' }), {
      logger: silentLogger,
      studioDir,
    })
    expect((await fetch(`${off.url}/studio`)).status).toBe(404)
    await off.close()
  })

  it('generates with Pro at 4K 21:9 and downloads the full 6336×2688 original', async () => {
    const { page, errors } = await studio(open)
    await page.getByLabel('Model').selectOption({ label: 'Nano Banana Pro (Gemini 3 Pro Image)' })
    await page.getByLabel('Aspect ratio').selectOption('21:9')
    await page.getByLabel('Size').selectOption('4K')
    await page.getByLabel('Prompt').fill('a lighthouse at dawn')
    await page.getByLabel('Prompt').press('Control+Enter')
    const card = page.getByRole('list', { name: 'Generations' }).getByRole('listitem')
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1)
    await expect.poll(() => card.textContent()).toContain('6336×2688')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Download' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^peel-a-lighthouse-at-dawn-6336x2688\.png$/)
    const meta = await sharp(await download.path()).metadata()
    expect([meta.width, meta.height]).toEqual([6336, 2688])
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('sends three picked references with their roles, scaled to the model’s long edge', async () => {
    const { page, errors } = await studio(open)
    const dir = await mkdtemp(join(tmpdir(), 'peel-refs-'))
    const files = await Promise.all(
      [
        ['hero.png', 3072, 2048],
        ['brand.png', 400, 300],
        ['product.png', 640, 640],
      ].map(async ([name, width, height]) => {
        const path = join(dir, String(name))
        await sharp({
          create: {
            width: Number(width),
            height: Number(height),
            channels: 3,
            background: '#3366cc',
          },
        })
          .png()
          .toFile(path)
        return path
      })
    )
    await writeFile(join(dir, 'notes.txt'), 'not an image')
    await page.getByLabel('Add references').setInputFiles(join(dir, 'notes.txt'))
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/notes\.txt.*not an image/)
    await page.getByLabel('Add references').setInputFiles(files)
    const list = page.getByRole('region', { name: 'References' }).getByRole('listitem')
    await expect.poll(() => list.count()).toBe(3)
    expect(await page.getByText('3 of 14').count()).toBe(1)
    await page.getByRole('button', { name: 'Style reference: brand.png' }).click()
    await page.getByRole('button', { name: 'Move product.png up' }).click()
    await page.getByRole('button', { name: 'Remove hero.png' }).click()
    await page.getByLabel('Add references').setInputFiles(files[0] ?? '')
    const sent = page.waitForRequest((request) => request.url().endsWith('/v1/generations'))
    await page.getByLabel('Prompt').fill('combine these')
    await page.getByRole('button', { name: 'Generate' }).click()
    const body = GenerateRequestSchema.parse((await sent).postDataJSON())
    expect(body.references.map((reference) => [reference.name, reference.role])).toEqual([
      ['product.png', 'subject'],
      ['brand.png', 'style'],
      ['hero.png', 'subject'],
    ])
    const hero = await sharp(Buffer.from(body.references[2]?.data ?? '', 'base64')).metadata()
    expect([hero.width, hero.height]).toEqual([1536, 1024])
    await expect.poll(() => page.getByRole('list', { name: 'Generations' }).count()).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('cancels a running generation, leaving none in flight on the server', async () => {
    const { page, errors } = await studio(open)
    await page.getByLabel('Prompt').fill('a slow one [sim:latency=20000]')
    await page.getByRole('button', { name: 'Generate' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Gemini|Queued|Sending/)
    await expect.poll(() => open.inFlight).toBe(1)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => open.inFlight, { timeout: 1000 }).toBe(0)
    expect(await page.getByRole('status').count()).toBe(0)
    expect(await page.getByRole('alert').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows the server’s sentence and what to do next when a generation fails', async () => {
    const { page, errors } = await studio(open)
    await page.getByLabel('Prompt').fill('a blocked one [sim:blocked_prompt]')
    await page.getByRole('button', { name: 'Generate' }).click()
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/blocked/i)
    expect(errors).toEqual([])
    await page.close()
  })

  it('asks a token-protected server for its token, and keeps it only for the tab', async () => {
    const { page } = await studio(guarded)
    const field = page.getByLabel('Token')
    await expect.poll(() => field.count()).toBe(1)
    expect(await field.getAttribute('type')).toBe('password')
    await field.fill('tok-studio-x7w2q5k3y9z')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByLabel('Model').count()).toBe(1)
    expect(await page.evaluate(() => localStorage.length)).toBe(0)
    expect(page.url()).not.toContain('tok-studio')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => page.getByLabel('Token').count()).toBe(1)
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0)
    await page.close()
  })
})
