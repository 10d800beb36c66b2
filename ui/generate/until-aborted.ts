/** What a wait gives back when Cancel cut it short. */
export const ABORTED = Symbol('aborted')

/**
 * `work`'s value, or `ABORTED` the moment `signal` aborts. Main's exports cannot be stopped once
 * asked for and may take up to a minute, so Cancel stops waiting for them instead and their late
 * answers are dropped.
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined
): Promise<T | typeof ABORTED> {
  if (signal === undefined) return work
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      resolve(ABORTED)
    }
    if (signal.aborted) stop()
    else signal.addEventListener('abort', stop, { once: true })
    work
      .then(resolve, reject)
      .finally(() => {
        signal.removeEventListener('abort', stop)
      })
      .catch(() => undefined)
  })
}
