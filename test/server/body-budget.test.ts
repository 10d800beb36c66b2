import { describe, expect, it } from 'vitest'
import { BodyBudget } from '../../server/middleware/body-budget'

const never = new AbortController().signal

describe('BodyBudget', () => {
  it('never lets readers that each hold part of the budget wait for each other', async () => {
    // Five 4 kB bodies in 2 kB chunks against 9 kB: four first chunks fill it, and every reader
    // then needs more than is left.
    const budget = new BodyBudget(9000)
    const accounts = Array.from({ length: 5 }, () => budget.open())
    const order: string[] = []
    const read = async (index: number) => {
      const account = accounts[index]
      if (account === undefined) return
      await account.charge(2000, never)
      await account.charge(2000, never)
      account.done()
      order.push(`read ${index}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
      account.release()
    }
    const all = Promise.all([0, 1, 2, 3, 4].map(read))
    const stuck = new Promise((resolve) => setTimeout(resolve, 2000, 'stuck'))
    expect(await Promise.race([all.then(() => 'done'), stuck])).toBe('done')
    expect(order).toEqual(['read 0', 'read 1', 'read 2', 'read 3', 'read 4'])
  })

  it('makes a reader wait while finished bodies hold the budget, and go on when they leave', async () => {
    const budget = new BodyBudget(4000)
    const first = budget.open()
    await first.charge(4000, never)
    first.done()
    const second = budget.open()
    let charged = false
    const charging = second.charge(1000, never).then(() => (charged = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(charged).toBe(false)
    first.release()
    await charging
    expect(charged).toBe(true)
  })

  it('gives up a wait when its signal aborts', async () => {
    const budget = new BodyBudget(1000)
    const first = budget.open()
    await first.charge(1000, never)
    first.done()
    const controller = new AbortController()
    const waiting = budget.open().charge(500, controller.signal)
    controller.abort()
    await expect(waiting).rejects.toThrow(/aborted/)
  })
})
