import type { Config } from '../config'
import type { Logger } from '../logger'
import { MemoryStore } from './memory-store'
import { RedisIdempotency } from './redis-idempotency'
import { RedisStore } from './redis-store'
import type { StateStore } from './state-store'

export interface ConnectedState {
  store: StateStore
  /** Idempotency-Keys and cancels shared with other instances; none without Redis. */
  shared?: RedisIdempotency
  close(): Promise<void>
}

/** In process without `REDIS_URL`; else Redis, connected now so a bad URL fails at start. */
export async function connectState(config: Config, logger: Logger): Promise<ConnectedState> {
  if (config.redisUrl === undefined) {
    const store = new MemoryStore()
    return { store, close: () => store.close() }
  }
  const store = await RedisStore.connect(config.redisUrl, { logger })
  let shared: RedisIdempotency
  try {
    shared = await RedisIdempotency.connect(config.redisUrl, {
      ...config.idempotency,
      // Renewed while its generation runs, so it lapses soon after an instance dies.
      lockTtlMs: 30_000,
      // A generation's deadline, plus time queued for a slot.
      waitTimeoutMs: config.upstreamTimeoutMs + 30_000,
      logger,
    })
  } catch (error) {
    await store.close()
    throw error
  }
  return {
    store,
    shared,
    close: async () => {
      await shared.close()
      await store.close()
    },
  }
}
