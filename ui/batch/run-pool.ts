/**
 * Runs `task(index)` for every index in `indexes` with at most `limit` running at once, starting
 * the next as soon as one finishes (not in waves), so a slow item never holds up the rest.
 * Resolves when all have settled; a task's rejection is its own business and stops nothing.
 */
export async function runPool(
  indexes: readonly number[],
  limit: number,
  task: (index: number) => Promise<unknown>,
  signal?: AbortSignal
): Promise<void> {
  const queue = [...indexes]
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (signal?.aborted === true) return
      try {
        await task(next)
      } catch {
        // Each task reports its own failure; the pool carries on.
      }
    }
  }
  const width = Math.max(1, Math.min(Math.floor(limit), queue.length))
  await Promise.all(Array.from({ length: width }, worker))
}
