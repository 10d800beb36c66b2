/**
 * @module
 * The bytes of request bodies held at once, charged as they arrive. A reader waits while the
 * budget is full, so the rest of its body stays in the socket; but readers that each hold part of
 * the budget while waiting for more would wait for each other forever. So when everything held
 * belongs to bodies still being read (nothing else will be given back), the oldest of them goes
 * on anyway: reading always progresses, and memory stays within the budget plus one body.
 */

/** One request's share: charged as its bytes arrive; `done` once the body has been read. */
export interface BodyAccount {
  charge: (bytes: number, signal: AbortSignal) => Promise<void>
  done: () => void
}

interface Waiter {
  reader: object
  bytes: number
  resolve: () => void
}

export class BodyBudget {
  private used = 0
  /** The part of `used` held by bodies still being read. */
  private reading = 0
  /** Requests still reading their bodies, oldest first. */
  private readonly readers: object[] = []
  private readonly waiting: Waiter[] = []

  constructor(private readonly capacity: number) {}

  /** Starts a reader's account; `charge` as bytes arrive, `done` once read, `release` at the end. */
  open(): BodyAccount & { release: () => void } {
    const reader = {}
    this.readers.push(reader)
    let held = 0
    let reading = true
    const done = () => {
      if (!reading) return
      reading = false
      this.reading -= held
      this.readers.splice(this.readers.indexOf(reader), 1)
      this.pump()
    }
    return {
      charge: async (bytes, signal) => {
        await this.take(reader, bytes, signal)
        held += bytes
      },
      done,
      release: () => {
        done()
        this.used -= held
        held = 0
        this.pump()
      },
    }
  }

  private fits(waiter: { reader: object; bytes: number }): boolean {
    if (this.used + waiter.bytes <= this.capacity) return true
    return this.used === this.reading && this.readers[0] === waiter.reader
  }

  private take(reader: object, bytes: number, signal: AbortSignal): Promise<void> {
    const first = this.waiting.length === 0 || this.readers[0] === reader
    if (first && this.fits({ reader, bytes })) {
      this.used += bytes
      this.reading += bytes
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { reader, bytes, resolve }
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1)
        reject(new Error('The wait for body budget was aborted.'))
        this.pump()
      }
      if (signal.aborted) {
        reject(new Error('The wait for body budget was aborted.'))
        return
      }
      signal.addEventListener('abort', onAbort, { once: true })
      waiter.resolve = () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }
      this.waiting.push(waiter)
    })
  }

  // In arrival order while the next fits; the oldest reader may go first when it alone can.
  private pump(): void {
    for (;;) {
      const index = this.waiting.findIndex(
        (waiter, at) => (at === 0 || this.readers[0] === waiter.reader) && this.fits(waiter)
      )
      const next = index === -1 ? undefined : this.waiting[index]
      if (next === undefined) return
      this.waiting.splice(index, 1)
      this.used += next.bytes
      this.reading += next.bytes
      next.resolve()
    }
  }
}
