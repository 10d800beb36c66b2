import { afterEach, describe, expect, it, vi } from 'vitest'

import { createLaunch, RUN_EVENT_WAIT_MS } from '../../plugin/launch/create-launch'

function host(command: string) {
  const calls = { shown: 0, closed: [] as (string | undefined)[] }
  return {
    calls,
    host: {
      command,
      ui: {
        show: () => {
          calls.shown += 1
        },
      },
      closePlugin: (message?: string) => calls.closed.push(message),
    },
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('launch', () => {
  it('waits for the run event to learn the quick action prompt', async () => {
    const { host: h } = host('generate')
    const launch = createLaunch(h)
    const asked = launch.get()
    launch.onRun({ command: 'generate', parameters: { prompt: '  a red kite ' } })
    expect(await asked).toEqual({ kind: 'quick', prompt: 'a red kite' })
  })

  it('opens the panel when the quick command comes without a prompt or no run event comes', async () => {
    vi.useFakeTimers()
    const { host: h, calls } = host('generate')
    const launch = createLaunch(h)
    const asked = launch.get()
    await vi.advanceTimersByTimeAsync(RUN_EVENT_WAIT_MS)
    expect(await asked).toEqual({ kind: 'panel' })
    expect(calls.shown).toBe(1)
    const panel = createLaunch(host('open').host)
    panel.onRun({ command: 'open', parameters: undefined })
    expect(await panel.get()).toEqual({ kind: 'panel' })
  })

  it('closes with the sentence, cut to what Figma shows', () => {
    const { host: h, calls } = host('generate')
    createLaunch(h).finish({ message: `Peel: ${'x'.repeat(200)}`, error: true })
    expect(calls.closed[0]).toHaveLength(100)
    expect(calls.closed[0]?.endsWith('…')).toBe(true)
  })
})
