/**
 * @module
 * A semaphore with weights, a FIFO queue and abortable waits. Counting (weight 1) it bounds how
 * many generations call Gemini at once; weighted by bytes it bounds how much request data is held
 * in memory at once. Waiters are served strictly in order, so a large request is never starved by
 * a stream of small ones.
 */

const aborted = () => new Error('The wait for a free slot was aborted.')

interface Waiter {
  weight: number
  resolve: () => void
}

export class Semaphore {
  private used = 0
  private readonly waiting: Waiter[] = []

  constructor(private readonly capacity: number) {}

  get queued(): number {
    return this.waiting.length
  }

  /**
   * Resolves with a release function once `weight` fits; rejects if `signal` aborts first. A
   * weight above the capacity is taken as the whole capacity, so it runs alone rather than never.
   */
  async acquire(signal?: AbortSignal, weight = 1): Promise<() => void> {
    const need = Math.min(weight, this.capacity)
    if (this.waiting.length === 0 && this.used + need <= this.capacity) {
      this.used += need
      return this.releaser(need)
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        weight: need,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter)
        if (index !== -1) this.waiting.splice(index, 1)
        reject(aborted())
        // The head may have been all that blocked smaller waiters behind it.
        this.wake()
      }
      if (signal?.aborted === true) {
        reject(aborted())
        return
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(waiter)
    })
    return this.releaser(need)
  }

  private releaser(weight: number): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      this.used -= weight
      this.wake()
    }
  }

  // Waiters are admitted in order while the next one fits; the weight is taken on their behalf.
  private wake(): void {
    for (let next = this.waiting[0]; next !== undefined; next = this.waiting[0]) {
      if (this.used + next.weight > this.capacity) return
      this.waiting.shift()
      this.used += next.weight
      next.resolve()
    }
  }
}
