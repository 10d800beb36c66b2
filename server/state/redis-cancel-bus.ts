/**
 * @module
 * Cancels across Peel instances. Every generation running on an instance is **announced**
 * (`…generation:<hash of owner and id>`, holding the instance and the id), renewed every third of
 * `lockTtlMs` and deleted when it ends, so a `DELETE /v1/generations/{id}` that the load balancer
 * sends to another instance still finds it; a key is found through its idempotency claim. The
 * cancel request then travels over pub/sub to the instance named, which decides (see
 * `Generations`). An entry or message that is not what Peel writes counts as none.
 */
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger'
import type { CancelBus, CancelTarget, Running } from './cancel-bus'
import { closeRedis, connectRedis, stateUnavailable } from './redis-client'
import { idempotencyEntries } from './redis-idempotency'
import { CancelRequestSchema, readPayload, RunningSchema } from './redis-payloads'
import type { CancelRequest } from './redis-payloads'
import { quietly, renewEvery, warn } from './redis-renewal'

export interface RedisCancelBusOptions {
  /** Put before every key and the channel; the same as the idempotency store's. */
  prefix?: string
  /** This instance, as named in announcements and in idempotency claims. */
  instance: string
  /** How long an announcement lasts unless renewed. */
  lockTtlMs: number
  logger?: Logger
}

export class RedisCancelBus implements CancelBus {
  private readonly prefix: string
  private readonly channel: string
  private readonly listeners: ((id: string, waitingElsewhere: number) => void)[] = []

  /** Takes ownership of both connections; `subscriber` must be unused. */
  constructor(
    private readonly client: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisCancelBusOptions
  ) {
    this.prefix = options.prefix ?? 'peel:'
    this.channel = `${this.prefix}idempotency-cancel`
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return
      const message = readPayload(CancelRequestSchema, text, 'cancel request', options.logger)
      if (message?.instance !== options.instance) return
      for (const listener of this.listeners) listener(message.id, message.waiting)
    })
  }

  static async connect(url: string, options: RedisCancelBusOptions): Promise<RedisCancelBus> {
    const { logger } = options
    const client = await connectRedis(url, { logger, role: 'cancels' })
    let subscriber: Redis | undefined
    try {
      subscriber = await connectRedis(url, { logger, role: 'cancels-subscriber' })
      const bus = new RedisCancelBus(client, subscriber, options)
      await subscriber.subscribe(bus.channel)
      return bus
    } catch (error) {
      await closeRedis(client)
      if (subscriber !== undefined) await closeRedis(subscriber)
      throw error
    }
  }

  get instance(): string {
    return this.options.instance
  }

  /** Where the generation `scopedId` (`owner\0id`) is announced while it runs. */
  private announcement(scopedId: string): string {
    return `${this.prefix}generation:${createHash('sha256').update(scopedId).digest('base64url')}`
  }

  announce(owner: string, id: string): () => void {
    const key = this.announcement(`${owner}\0${id}`)
    const running: Running = { instance: this.options.instance, id }
    const value = JSON.stringify(running)
    // SET rather than PEXPIRE: a renewal also restores an entry lost to a Redis restart.
    const renew = quietly(this.options.logger, 'generation not announced', id, () =>
      this.client.set(key, value, 'PX', this.options.lockTtlMs)
    )
    void renew()
    const stop = renewEvery(this.options.lockTtlMs, renew)
    return () => {
      stop()
      this.client.del(key).catch((error: unknown) => {
        // It lapses within lockTtlMs; a cancel meanwhile reaches an instance that ignores it.
        warn(this.options.logger, 'generation announcement not removed', id, error)
      })
    }
  }

  async requestCancel(target: CancelTarget, waiting: number): Promise<Running | undefined> {
    // The claim first: a key names whichever generation holds it now.
    const lookups = [
      ...(target.key === undefined ? [] : [idempotencyEntries(this.prefix, target.key).claim]),
      ...(target.id === undefined ? [] : [this.announcement(target.id)]),
    ]
    if (lookups.length === 0) return undefined
    try {
      const found = (await this.client.mget(lookups))
        .map((value) =>
          value == null
            ? undefined
            : readPayload(RunningSchema, value, 'running generation', this.options.logger)
        )
        .find((running) => running !== undefined)
      if (found === undefined) return undefined
      const { instance, id } = found
      const message: CancelRequest = { instance, id, waiting }
      await this.client.publish(this.channel, JSON.stringify(message))
      return { instance, id }
    } catch (error) {
      throw stateUnavailable(error)
    }
  }

  onCancel(listener: (id: string, waitingElsewhere: number) => void): void {
    this.listeners.push(listener)
  }

  async close(): Promise<void> {
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.client)])
  }
}
