/**
 * @module
 * A counting semaphore with a FIFO queue and abortable waits. It bounds how many generations call
 * Gemini at once: each holds tens of megabytes of request and reply copies while it runs, so the
 * bound is what keeps memory flat under a burst, and it spares the upstream quota too.
 */

const aborted = () => new Error('The wait for a free slot was aborted.')

export class Semaphore {
  private active = 0
  private readonly waiting: { resolve: () => void; reject: (reason: Error) => void }[] = []

  constructor(private readonly limit: number) {}

  get queued(): number {
    return this.waiting.length
  }

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.limit) {
      this.active += 1
      return this.releaser()
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        reject,
      }
      const onAbort = () => {
        const index = this.waiting.indexOf(entry)
        if (index !== -1) this.waiting.splice(index, 1)
        reject(aborted())
      }
      if (signal?.aborted === true) {
        reject(aborted())
        return
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(entry)
    })
    return this.releaser()
  }

  // The slot passes straight to the next waiter, so `active` never dips and lets a newcomer in.
  private releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiting.shift()
      if (next === undefined) this.active -= 1
      else next.resolve()
    }
  }
}
