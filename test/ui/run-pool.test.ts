import { describe, expect, it } from 'vitest'

import { runPool } from '../../ui/batch/run-pool'

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('runPool', () => {
  it('never runs more than the limit and starts the next as soon as one ends', async () => {
    let running = 0
    let peak = 0
    const started: number[] = []
    const t0 = Date.now()
    await runPool([0, 1, 2, 3, 4, 5, 6], 3, async (i) => {
      started.push(i)
      running += 1
      peak = Math.max(peak, running)
      await wait(i === 0 ? 120 : 30)
      running -= 1
    })
    expect(peak).toBe(3)
    expect(started.sort()).toEqual([0, 1, 2, 3, 4, 5, 6])
    // Item 0 is slow; the others flow past it instead of waiting for a whole wave.
    expect(Date.now() - t0).toBeLessThan(200)
  })

  it('keeps going when a task fails, and stops starting tasks once aborted', async () => {
    const done: number[] = []
    await runPool([0, 1, 2], 1, async (i) => {
      if (i === 1) throw new Error('boom')
      done.push(i)
      await wait(1)
    })
    expect(done).toEqual([0, 2])
    const controller = new AbortController()
    const ran: number[] = []
    await runPool(
      [0, 1, 2, 3],
      2,
      async (i) => {
        ran.push(i)
        await wait(1)
        controller.abort()
      },
      controller.signal
    )
    expect(ran).toEqual([0, 1])
  })
})
