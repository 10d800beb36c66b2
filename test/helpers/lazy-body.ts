/**
 * A request body that is produced only when the server reads it, not ahead of time, and says
 * when that happens: tests use it to see which requests a server has started to read.
 */
export function lazyBody(bytes: Uint8Array, onRead: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onRead()
        controller.enqueue(bytes)
        controller.close()
      },
    },
    { highWaterMark: 0 }
  )
}
