/**
 * @module
 * Entries that live only while their owner renews them (claims, announcements), renewed without
 * flooding the log while Redis is away.
 */
import type { Logger } from '../logger'

/** Runs `renew` every third of `lifetimeMs` until the returned function is called. */
export function renewEvery(lifetimeMs: number, renew: () => Promise<void>): () => void {
  const timer = setInterval(() => void renew(), Math.max(1, lifetimeMs / 3))
  timer.unref()
  return () => {
    clearInterval(timer)
  }
}

/**
 * `write`, logging `message` once per run of failures rather than on every renewal: with Redis
 * away every running generation fails each renewal, and the client already logs the outage.
 */
export function quietly(
  logger: Logger | undefined,
  message: string,
  id: string,
  write: () => Promise<unknown>
): () => Promise<void> {
  let failing = false
  return async () => {
    try {
      await write()
      failing = false
    } catch (error) {
      if (!failing) warn(logger, message, id, error)
      failing = true
    }
  }
}

export function warn(
  logger: Logger | undefined,
  message: string,
  id: string,
  error: unknown
): void {
  logger?.log('warn', message, {
    id,
    detail: (error instanceof Error ? error.message : String(error)).slice(0, 200),
  })
}
