import { describe, expect, it } from 'vitest'

import { runPool } from '../../ui/batch/run-pool'

/** A promise that the test settles by hand, so ordering never depends on timers. */
function gate() {
  let open = (): void => undefined
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('runPool', () => {
  it('never runs more than the limit and starts the next as soon as one ends', async () => {
    const gates = Array.from({ length: 7 }, gate)
    let running = 0
    let peak = 0
    const started: number[] = []
    const pool = runPool([0, 1, 2, 3, 4, 5, 6], 3, async (i) => {
      started.push(i)
      running += 1
      peak = Math.max(peak, running)
      await gates[i]?.opened
      running -= 1
    })
    await tick()
    expect(started).toEqual([0, 1, 2])
    // Item 0 stays slow; the others flow past it instead of waiting for a whole wave.
    gates[1]?.open()
    await tick()
    expect(started).toEqual([0, 1, 2, 3])
    for (const g of gates.slice(2)) g.open()
    await tick()
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6])
    let finished = false
    void pool.then(() => (finished = true))
    await tick()
    expect(finished).toBe(false)
    gates[0]?.open()
    await pool
    expect(peak).toBe(3)
  })

  it('starts the next task when one releases its slot, and waits for the released one', async () => {
    const placing = gate()
    const events: string[] = []
    await runPool([0, 1], 1, async (i, release) => {
      events.push(`start ${String(i)}`)
      if (i === 0) {
        release()
        await placing.opened
      } else {
        placing.open()
      }
      events.push(`end ${String(i)}`)
    })
    expect(events).toEqual(['start 0', 'start 1', 'end 1', 'end 0'])
  })

  it('keeps going when a task fails, and stops starting tasks once aborted', async () => {
    const done: number[] = []
    await runPool([0, 1, 2], 1, async (i) => {
      if (i === 1) throw new Error('boom')
      done.push(i)
      await tick()
    })
    expect(done).toEqual([0, 2])
    const controller = new AbortController()
    const ran: number[] = []
    await runPool(
      [0, 1, 2, 3],
      2,
      async (i) => {
        ran.push(i)
        await tick()
        controller.abort()
      },
      controller.signal
    )
    expect(ran).toEqual([0, 1])
  })
})
