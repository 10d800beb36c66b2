/** A valid `GenerateResponse` with one image whose data the test chooses. */
export function reply(data = 'iVBORw0KGgo=') {
  return {
    id: 'gen-1',
    model: 'm',
    images: [{ mimeType: 'image/png', data, width: 1, height: 1 }],
    finishReason: 'STOP',
    usage: { promptTokens: 1, outputTokens: 1, thoughtsTokens: 0, totalTokens: 2 },
    attempts: 1,
    turn: { user: { parts: [] }, model: { parts: [] } },
  }
}

/** A `text/event-stream` reply of these raw events, each `[name, data]`. */
export function sseResponse(events: readonly (readonly [string, string])[]): Response {
  const text = events.map(([event, data]) => `event: ${event}\ndata: ${data}\n\n`).join('')
  return new Response(text, { headers: { 'content-type': 'text/event-stream' } })
}

/** A JSON reply with this status. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}
