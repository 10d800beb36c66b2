import { randomUUID } from 'node:crypto'
import type { Config } from '../config'
import type { Logger } from '../logger'
import type { CancelBus } from './cancel-bus'
import type { IdempotencyStore } from './idempotency-store'
import { MemoryStore } from './memory-store'
import { RedisCancelBus } from './redis-cancel-bus'
import { RedisIdempotency } from './redis-idempotency'
import { RedisStore } from './redis-store'
import type { StateStore } from './state-store'

export interface ConnectedState {
  store: StateStore
  /** Idempotency-Keys and cancels shared with other instances; none without Redis. */
  shared?: { idempotency: IdempotencyStore; cancels: CancelBus }
  close(): Promise<void>
}

/** In process without `REDIS_URL`; else Redis, connected now so a bad URL fails at start. */
export async function connectState(config: Config, logger: Logger): Promise<ConnectedState> {
  if (config.redisUrl === undefined) {
    const store = new MemoryStore()
    return { store, close: () => store.close() }
  }
  const url = config.redisUrl
  // Renewed while its generation runs, so a claim or announcement lapses soon after its instance
  // dies; one id names this instance in both.
  const lockTtlMs = 30_000
  const instance = randomUUID()
  const opened: { close(): Promise<void> }[] = []
  const close = async () => {
    for (const resource of opened.splice(0).reverse()) await resource.close()
  }
  try {
    const store = await RedisStore.connect(url, { logger })
    opened.push(store)
    const idempotency = await RedisIdempotency.connect(url, {
      ...config.idempotency,
      instance,
      lockTtlMs,
      // A generation's deadline, plus time queued for a slot.
      waitTimeoutMs: config.upstreamTimeoutMs + 30_000,
      logger,
    })
    opened.push(idempotency)
    const cancels = await RedisCancelBus.connect(url, { instance, lockTtlMs, logger })
    opened.push(cancels)
    return { store, shared: { idempotency, cancels }, close }
  } catch (error) {
    await close()
    throw error
  }
}
