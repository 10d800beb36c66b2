/**
 * @module
 * The server's defaults, each written once: `loadConfig` falls back to them, and so do the parts
 * that tests build without a config.
 */

/** The largest request body, in MB. */
export const DEFAULT_MAX_BODY_MB = 32
/** Request bodies all generations being read may hold together, in MB. */
export const DEFAULT_MAX_INFLIGHT_MB = 96
/** The longest a request body may go without a byte. */
export const DEFAULT_BODY_IDLE_MS = 10_000
/** The longest a whole request body may take to arrive. */
export const DEFAULT_BODY_TIMEOUT_MS = 60_000
/** The longest one generation may take upstream, retries included. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 180_000
/** Upstream attempts per generation, the first included. */
export const DEFAULT_RETRY_ATTEMPTS = 3
/** Generations allowed to call Gemini at once; the rest wait in order. */
export const DEFAULT_MAX_CONCURRENT = 64
/** How long a finished result can be replayed with its Idempotency-Key, in seconds. */
export const DEFAULT_IDEMPOTENCY_TTL_S = 900
/** Memory for finished results kept for replays, in MB; the oldest go first past it. */
export const DEFAULT_IDEMPOTENCY_MAX_MB = 256
/** How often a stream repeats its stage, so idle proxies keep the connection. */
export const DEFAULT_SSE_HEARTBEAT_MS = 10_000
/** How long a stopping server lets generations in flight finish. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000
