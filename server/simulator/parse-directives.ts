/**
 * @module
 * Fault directives: `[sim:…]` tokens in a prompt make the simulator misbehave the way Gemini does,
 * so clients can rehearse every failure without spending quota.
 */

/**
 * What the `[sim:…]` tokens in a request's user text ask for.
 *
 * - `[sim:429]`: 429 RESOURCE_EXHAUSTED with `QuotaFailure` and `RetryInfo` (`retryDelay: "1s"`).
 * - `[sim:503]`: 503 UNAVAILABLE, "The model is overloaded. Please try again later."
 * - `[sim:500]`: 500 INTERNAL, Google's "An internal error has occurred…" wording.
 * - `[sim:timeout]`: holds the request for `hangMs`, then 504 DEADLINE_EXCEEDED; stops early if
 *   the client goes away.
 * - `[sim:malformed]`: unary gets a 200 whose image data is not a string; streaming gets a final
 *   SSE event cut off mid-JSON with no terminating blank line.
 * - `[sim:stream_error]`: streaming sends the thought chunks, then a mid-stream
 *   `data: {"error":{…503…}}` event and ends; unary gets 500 INTERNAL.
 * - `[sim:image_safety]`: 200 with `finishReason: "IMAGE_SAFETY"`, a `finishMessage` and no image.
 * - `[sim:no_image]`: 200 with `finishReason: "NO_IMAGE"` and only a short text part.
 * - `[sim:blocked_prompt]`: 200 with no candidates and `promptFeedback.blockReason: "SAFETY"`.
 * - `[sim:latency=MS]`: waits MS milliseconds before answering (overrides `latencyMs`).
 * - `[sim:fail_once=503]` (or `429`, `500`): the first attempt of a request fails with that
 *   status; an identical retry (same model and body) succeeds.
 *
 * An unknown or malformed directive is a 400, so a typo never passes silently as a normal prompt.
 */
export interface Directives {
  fault?: 'timeout' | 'malformed' | 'stream_error' | 'image_safety' | 'no_image' | 'blocked_prompt'
  status?: FaultStatus
  latencyMs?: number
  failOnce?: FaultStatus
}

export type FaultStatus = 429 | 500 | 503

export type ParsedDirectives = { ok: true; directives: Directives } | { ok: false; message: string }

const DIRECTIVE = /\[sim:([a-z0-9_]+)(?:=([^\]]*))?\]/g
const FAULTS = [
  'timeout',
  'malformed',
  'stream_error',
  'image_safety',
  'no_image',
  'blocked_prompt',
] as const

function toFaultStatus(value: string | undefined): FaultStatus | undefined {
  return value === '429' || value === '500' || value === '503'
    ? (Number(value) as FaultStatus)
    : undefined
}

/** Reads every `[sim:…]` token in the given texts; later tokens win over earlier ones. */
export function parseDirectives(texts: readonly string[]): ParsedDirectives {
  const directives: Directives = {}
  for (const text of texts) {
    for (const match of text.matchAll(DIRECTIVE)) {
      const [token, name = '', value] = match
      const status = toFaultStatus(name)
      const fault = FAULTS.find((f) => f === name)
      if (status !== undefined && value === undefined) directives.status = status
      else if (fault !== undefined && value === undefined) directives.fault = fault
      else if (name === 'latency' && value !== undefined && /^\d{1,7}$/.test(value)) {
        directives.latencyMs = Number(value)
      } else if (name === 'fail_once' && toFaultStatus(value) !== undefined) {
        directives.failOnce = toFaultStatus(value)
      } else {
        return { ok: false, message: `Unknown simulator directive ${token}.` }
      }
    }
  }
  return { ok: true, directives }
}

/** The text with its directives removed, so they don't change what gets drawn. */
export function stripDirectives(text: string): string {
  return text.replace(DIRECTIVE, '').replace(/\s+/g, ' ').trim()
}
