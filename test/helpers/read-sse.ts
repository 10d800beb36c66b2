/** One Server-Sent Event as a client sees it. */
export interface SseEvent {
  event: string
  data: string
}

/** Reads a whole `text/event-stream` body into events (comments and blank lines dropped). */
export async function readSse(res: Response): Promise<SseEvent[]> {
  const text = await res.text()
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split(/\r?\n/)
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message'
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      return { event, data }
    })
}
