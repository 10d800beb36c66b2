/**
 * Runs `task(index, release)` for every index in `indexes` with at most `limit` holding a slot at
 * once, starting the next as soon as a slot frees (not in waves), so a slow item never holds up the
 * rest. A task holds its slot until it settles or calls `release`, which lets it finish work that
 * needs no slot (placing a result that already arrived) while the next one starts.
 * Resolves when all have settled; a task's rejection is its own business and stops nothing.
 */
export async function runPool(
  indexes: readonly number[],
  limit: number,
  task: (index: number, release: () => void) => Promise<unknown>,
  signal?: AbortSignal
): Promise<void> {
  const queue = [...indexes]
  const settled: Promise<unknown>[] = []
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (signal?.aborted === true) return
      let release = (): void => undefined
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      const done = task(next, release).catch(() => {
        // Each task reports its own failure; the pool carries on.
      })
      settled.push(done)
      await Promise.race([released, done])
    }
  }
  const width = Math.max(1, Math.min(Math.floor(limit), queue.length))
  await Promise.all(Array.from({ length: width }, worker))
  await Promise.all(settled)
}
