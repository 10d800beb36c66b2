/** One Server-Sent Event: its name (`message` when the server gave none) and its data. */
export interface SseEvent {
  event: string
  data: string
}

/**
 * Reads a `text/event-stream` body event by event. A `result` event can be several megabytes on
 * one line, so pieces of an unfinished line are kept in a list and joined once, when the line
 * ends, instead of re-scanning a growing string on every chunk.
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  onChunk: () => void = () => undefined
): AsyncGenerator<SseEvent> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let pieces: string[] = []
  let event = ''
  let data: string[] = []
  const take = (line: string): SseEvent | undefined => {
    if (line === '') {
      const ready =
        data.length > 0 ? { event: event || 'message', data: data.join('\n') } : undefined
      event = ''
      data = []
      return ready
    }
    if (line.startsWith(':')) return undefined
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
    return undefined
  }
  let finished = false
  try {
    for (;;) {
      const { value: bytes, done } = await reader.read()
      if (done) {
        finished = true
        break
      }
      onChunk()
      const value = decoder.decode(bytes, { stream: true })
      let start = 0
      for (let end = value.indexOf('\n'); end !== -1; end = value.indexOf('\n', start)) {
        pieces.push(value.slice(start, end))
        start = end + 1
        const line = pieces.join('')
        pieces = []
        const ready = take(line.endsWith('\r') ? line.slice(0, -1) : line)
        if (ready !== undefined) yield ready
      }
      if (start < value.length) pieces.push(value.slice(start))
    }
  } finally {
    // A consumer that stops early (a result arrived, or Cancel) lets go of the connection too.
    if (!finished) reader.cancel().catch(() => undefined)
  }
}
