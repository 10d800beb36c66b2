/**
 * A request body that is produced only when the server reads it, not ahead of time, and says
 * when that happens: tests use it to see which requests a server has started to read. With a
 * second part, the body comes in two chunks, each produced on its own read.
 */
export function lazyBody(
  bytes: Uint8Array,
  onRead: () => void,
  second?: Uint8Array,
  onSecondRead?: () => void
): ReadableStream<Uint8Array> {
  let reads = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        reads += 1
        if (reads === 1) {
          onRead()
          controller.enqueue(bytes)
          if (second === undefined) controller.close()
          return
        }
        onSecondRead?.()
        if (second !== undefined) controller.enqueue(second)
        controller.close()
      },
    },
    { highWaterMark: 0 }
  )
}
