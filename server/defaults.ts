/**
 * @module
 * The server's defaults, each written once: `loadConfig` falls back to them, and so do the parts
 * that tests build without a config.
 */

/** Request bodies all generations being read may hold together, in MB. */
export const DEFAULT_MAX_INFLIGHT_MB = 96
/** The longest a request body may go without a byte. */
export const DEFAULT_BODY_IDLE_MS = 10_000
/** The longest a whole request body may take to arrive. */
export const DEFAULT_BODY_TIMEOUT_MS = 60_000
