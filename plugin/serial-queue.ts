/** Runs a task once every task queued before it has settled. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>

/**
 * A queue for handlers that read, await, then write the same stored value: run together, the
 * last write would silently win. A task that fails does not stop the ones after it.
 */
export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}
