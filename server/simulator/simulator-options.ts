/**
 * @module
 * The simulator's options and what it records about each call.
 */

/** How a simulator behaves; every field is optional. */
export interface SimulatorOptions {
  /** Added before every reply, in ms (default 0). `[sim:latency=MS]` overrides it per request. */
  latencyMs?: number
  /** When set, only these API keys are accepted; others get Google's 400 API_KEY_INVALID. */
  apiKeys?: readonly string[]
  /** How long `[sim:timeout]` holds a request before its 504 (default 10 min, Google's bound). */
  hangMs?: number
  /** How many recent requests `requests` keeps (default 50), so memory stays flat. */
  maxRecorded?: number
  /**
   * Bytes of rendered images to keep for identical requests (default 0: render every time).
   * Output is deterministic, so clients cannot tell; benchmarks use it to take the simulator's
   * PNG encoding out of the figures.
   */
  renderCacheBytes?: number
}

/** One call the simulator received, oldest first in `requests`. */
export interface RecordedRequest {
  model: string
  method: 'generateContent' | 'streamGenerateContent'
  apiVersion: string
  /** The `x-goog-api-key` header (or `?key=`), `''` when absent. */
  apiKey: string
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown
}
