/**
 * @module
 * A counting semaphore with a FIFO queue and abortable waits: it bounds how many requests are
 * admitted, and how many generations call Gemini, at once. Waiters are served strictly in order.
 * (p-limit would serve the same order, but a task queued there cannot be withdrawn when its
 * client leaves, and a closed tab must not hold a place in line.)
 */

const aborted = () => new Error('The wait for a free slot was aborted.')

export class Semaphore {
  private used = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly capacity: number) {}

  get queued(): number {
    return this.waiting.length
  }

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted === true) throw aborted()
    if (this.waiting.length === 0 && this.used < this.capacity) {
      this.used += 1
      return this.releaser()
    }
    await new Promise<void>((resolve, reject) => {
      const admit = () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      const onAbort = () => {
        const index = this.waiting.indexOf(admit)
        if (index !== -1) this.waiting.splice(index, 1)
        reject(aborted())
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(admit)
    })
    return this.releaser()
  }

  private releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      // The slot passes straight to the next waiter, so nobody can slip in between.
      const next = this.waiting.shift()
      if (next === undefined) this.used -= 1
      else next()
    }
  }
}
