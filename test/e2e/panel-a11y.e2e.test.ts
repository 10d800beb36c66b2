/**
 * The panel for keyboard and screen-reader users, in Chromium: what survives a trip to Settings,
 * where focus goes as runs start and end, what is a live region, and what Settings says.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { openPlugin } from './plugin-page'
import { usePluginEnv } from './use-plugin-env'

const TOKEN = 'a11y-x7w2q5k3y9z0a1'
const env = usePluginEnv(TOKEN, { slowLatencyMs: 2000 })

const open = (setup: {
  scenario: string
  select?: string[]
  token?: string
  slow?: boolean
  dead?: boolean
}) =>
  openPlugin(env.harness, {
    ...setup,
    serverUrl:
      setup.dead === true ? env.deadUrl : setup.slow === true ? env.slow.url : env.peel.url,
    token: setup.token ?? TOKEN,
  })

/** The focused element inside the plugin iframe, as "tag:text". */
function focused(page: Page): Promise<string> {
  const frame = page.frames().find((f) => f !== page.mainFrame())
  if (frame === undefined) throw new Error('the plugin iframe is not there')
  return frame.evaluate(() => {
    const el = document.activeElement
    return `${el?.tagName.toLowerCase() ?? ''}:${el?.textContent.trim() ?? ''}`
  })
}

describe('Panel accessibility in Chromium', () => {
  it('keeps the prompt and Style marks through Settings, where a fixed token is saved', async () => {
    const { page, ui } = await open({
      scenario: 'three-frames',
      select: ['Landing', 'Mobile'],
      token: 'wrong',
    })
    await ui.locator('.error[data-code="unauthorized"]').waitFor()
    await ui.getByLabel('Prompt').fill('Night theme')
    const mobile = ui.getByRole('button', { name: 'Style reference: Mobile' })
    await mobile.click()
    // The toggle keeps its name and visible text; only aria-pressed says it is on.
    expect(await mobile.getAttribute('aria-pressed')).toBe('true')
    expect(await mobile.textContent()).toBe('Style')
    const landing = ui.getByRole('button', { name: 'Style reference: Landing' })
    expect(await landing.getAttribute('aria-pressed')).toBe('false')
    expect(await landing.textContent()).toBe('Style')

    await ui.getByRole('button', { name: /Settings/ }).click()
    // Focus starts at the covering view's heading, so a screen reader starts there.
    await expect.poll(() => focused(page)).toBe('h2:Settings')
    await ui.getByLabel('Access token').fill(TOKEN)
    // Enter in a field saves as the Save button does, though the sandbox blocks form submission.
    await ui.getByLabel('Access token').press('Enter')
    await expect.poll(() => ui.getByTestId('saved').textContent()).toBe('Saved.')
    await ui.locator('.error[data-code="unauthorized"]').waitFor({ state: 'detached' })
    await ui.getByRole('button', { name: 'Done' }).click()

    expect(await ui.getByLabel('Prompt').inputValue()).toBe('Night theme')
    expect(await mobile.getAttribute('aria-pressed')).toBe('true')
    expect(await landing.getAttribute('aria-pressed')).toBe('false')
    expect(await focused(page)).toBe('button:Settings')
    await page.close()
  })

  it('shows a failed save inside Settings, not a Saved that did not happen', async () => {
    const { page, ui } = await open({ scenario: 'empty' })
    // Main answers saveSettings with an error, as it would if clientStorage failed.
    await page.evaluate(() => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its Worker below
      const post = Worker.prototype.postMessage
      Worker.prototype.postMessage = function (
        this: Worker,
        data: { to?: string; msg?: { method?: string; id?: string } }
      ) {
        if (data.to === 'main' && data.msg?.method === 'saveSettings') {
          const frame = document.getElementById('ui') as HTMLIFrameElement
          const answer = {
            kind: 'res',
            id: data.msg.id,
            ok: false,
            error: { code: 'internal', message: 'Figma could not save. Try again.' },
          }
          frame.contentWindow?.postMessage({ pluginMessage: answer }, '*')
          return
        }
        post.call(this, data)
      } as typeof Worker.prototype.postMessage
    })
    await ui.getByRole('button', { name: /Settings/ }).click()
    await ui.getByRole('button', { name: 'Save' }).click()
    const problem = ui.getByRole('alert')
    await expect
      .poll(() => problem.textContent())
      .toBe('Your settings were not saved. Figma could not save. Try again.')
    expect(await ui.getByTestId('saved').textContent()).toBe('')
    await ui.getByRole('button', { name: 'Done' }).click()
    expect(await ui.locator('.notice').count()).toBe(0)
    await page.close()
  })

  it('says why the server is offline in a polite live status line', async () => {
    const { page, ui } = await open({ scenario: 'empty', dead: true })
    const alert = ui.locator('.error[data-code="network"]')
    await alert.waitFor()
    const message = (await alert.locator('.error-message').textContent()) ?? ''
    expect(message).not.toBe('')
    await ui.getByRole('button', { name: /Settings/ }).click()
    const status = ui.getByTestId('connection')
    expect(await status.getAttribute('role')).toBe('status')
    await expect.poll(() => status.textContent()).toContain(`Offline — ${message}`)
    await page.close()
  })

  it('moves focus to Cancel when a run starts and back to Generate when it ends', async () => {
    const { page, ui } = await open({ scenario: 'empty', slow: true })
    await ui.getByLabel('Prompt').fill('A lighthouse')
    const generate = ui.getByRole('button', { name: 'Generate' })
    await generate.focus()
    await generate.press('Enter')
    await ui.getByTestId('stage').waitFor()
    expect(await focused(page)).toBe('button:Cancel')

    // Only the stage is live: the ticking time and streamed thoughts are not read out.
    const frame = page.frames().find((f) => f !== page.mainFrame())
    const live = await frame?.evaluate(() => {
      const regions = '[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]'
      const progress = document.querySelector('.progress')
      return {
        around: progress?.closest(regions) !== null,
        inside: [...(progress?.querySelectorAll(regions) ?? [])].map((e) =>
          e.getAttribute('data-testid')
        ),
        elapsed: document.querySelector('[data-testid=elapsed]')?.closest(regions) !== null,
      }
    })
    expect(live).toEqual({ around: false, inside: ['stage'], elapsed: false })

    await ui.getByText(/Placed “A lighthouse”/).waitFor()
    expect(await focused(page)).toBe('button:Generate')

    // Cancel with the keyboard: focus returns to Generate again.
    await generate.press('Enter')
    await ui.getByTestId('stage').waitFor()
    expect(await focused(page)).toBe('button:Cancel')
    await page.keyboard.press('Enter')
    await ui.getByText('Cancelled. Nothing was placed.').waitFor()
    expect(await focused(page)).toBe('button:Generate')
    await page.close()
  })

  it('moves focus to Cancel batch when a batch starts; it stays on Done when it ends', async () => {
    const { page, ui } = await open({ scenario: 'batch', select: ['Card 1', 'Card 2', 'Brand'] })
    await ui.getByRole('button', { name: 'Style reference: Brand' }).click()
    const apply = ui.getByRole('button', { name: 'Apply style to 2 frames' })
    await apply.focus()
    await apply.press('Enter')
    await expect.poll(() => focused(page)).toBe('button:Cancel batch')
    await expect
      .poll(() => ui.getByTestId('batch-count').textContent(), { timeout: 60_000 })
      .toBe('2 of 2 done')
    expect(await focused(page)).toBe('button:Done')
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.getByTestId('batch-count').count()).toBe(0)
    expect(await focused(page)).toMatch(/^(button:Generate|textarea:)/)
    await page.close()
  })
})
