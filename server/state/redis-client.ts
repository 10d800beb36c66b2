/**
 * @module
 * One ioredis connection set up to fail fast: Peel would rather answer 503 at once than hold a
 * designer's request while Redis is away.
 *
 * - `enableOfflineQueue: false`: a command sent while disconnected fails at once instead of
 *   waiting in a queue for a reconnect that may never come.
 * - `maxRetriesPerRequest: 0`: commands in flight when the connection drops fail at once too.
 * - `connectTimeout` and `commandTimeout`: an unreachable host or a stalled Redis fails within a
 *   couple of seconds instead of hanging.
 * - `retryStrategy`: reconnects every 100 ms to 1 s forever, so Peel recovers on its own when
 *   Redis comes back.
 */
import { Redis } from 'ioredis'
import { AppError } from '../errors'
import type { Logger } from '../logger'

/** The failure every request sees while Redis is unreachable. */
export function stateUnavailable(error: unknown): AppError {
  if (error instanceof AppError) return error
  return new AppError(
    'upstream_unavailable',
    "Peel's shared state store (Redis) cannot be reached. Try again in a moment; if it keeps failing, ask your admin to check Redis.",
    {
      retryable: true,
      retryAfterSeconds: 2,
      logFields: {
        dependency: 'redis',
        detail: (error instanceof Error ? error.message : String(error)).slice(0, 200),
      },
      cause: error,
    }
  )
}

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'REDIS_URL'
  }
}

export interface RedisClientOptions {
  logger?: Logger
  /** Names the connection in logs. */
  role?: string
}

/**
 * Connects to `url` and resolves once Redis answers; rejects with a clear message when it cannot
 * be reached, so a misconfigured `REDIS_URL` stops start-up instead of failing every request.
 */
export async function connectRedis(url: string, options: RedisClientOptions = {}): Promise<Redis> {
  const { logger, role = 'state' } = options
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  })
  // One line when Redis goes away and one when it is back, not one per reconnect attempt.
  let down = false
  client.on('error', (error: Error) => {
    if (down) return
    down = true
    logger?.log('error', 'redis unreachable', { role, detail: error.message.slice(0, 200) })
  })
  client.on('ready', () => {
    if (!down) return
    down = false
    logger?.log('info', 'redis reachable again', { role })
  })
  try {
    await client.connect()
  } catch (error) {
    client.disconnect()
    throw new Error(
      `Peel cannot reach Redis at ${redactRedisUrl(url)} (${(error as Error).message}). ` +
        'Check REDIS_URL and that Redis is running.',
      { cause: error }
    )
  }
  return client
}

/** Closes politely when Redis is there, at once when it is not. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect()
    return
  }
  await client.quit().catch(() => {
    client.disconnect()
  })
}
