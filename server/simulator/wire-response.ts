/**
 * @module
 * Success bodies as Gemini sends them: JSON for unary calls, Server-Sent Events for streaming.
 */

/** A 200 JSON reply. */
export function jsonResponse(value: unknown): Response {
  return new Response(JSON.stringify(value), {
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  })
}

/**
 * A 200 `text/event-stream` of `data: <json>\r\n\r\n` events (Google's delimiter), each written
 * separately. `tail` is sent verbatim at the end, for staging a stream cut off mid-event.
 */
export function sseResponse(events: readonly unknown[], tail?: string): Response {
  const encoder = new TextEncoder()
  const pending = events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`)
  if (tail !== undefined) pending.push(tail)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pending.shift()
      if (next === undefined) controller.close()
      else controller.enqueue(encoder.encode(next))
    },
  })
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  })
}
