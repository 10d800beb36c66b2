/**
 * @module
 * Idempotency-Keys shared between Peel instances through Redis, so a retry that a load balancer
 * sends to another instance still replays or joins instead of paying Gemini twice.
 *
 * Per key (hashed with its owner, so neither appears in Redis) there are two entries:
 *
 * - a **claim** (`…:lock`, `SET NX PX`) holding the fingerprint, the instance and the generation
 *   id. It lives `lockTtlMs` (30 s) and the holder renews it every third of that while the
 *   generation runs, queued or upstream (`hold`), so it outlasts any generation but not an
 *   instance that died mid-generation: within `lockTtlMs` of the death the next request with the
 *   key claims it and really runs again.
 * - the **outcome** (`PX ttlMs`), written by the claim holder for the outcomes a single instance
 *   would keep, then replayed by any instance.
 *
 * Claiming is one Lua script (outcome, else claim), and releasing is another (keep the outcome,
 * drop the claim if still ours, publish), so no request can slip between "not finished" and "not
 * running" and start a second upstream call.
 *
 * A request that finds the key claimed elsewhere waits for the release. Pub/sub makes that wait
 * end at once; but pub/sub is fire-and-forget (a message sent while the subscriber reconnects is
 * lost), so the waiter also polls every `pollMs`: the outcome appearing, or the claim vanishing
 * without one (the holder failed transiently, was cancelled, or died), ends the wait either way.
 * A transient failure travels in the message itself, as it is not kept; a waiter that misses it
 * answers a retryable 503 and the client's retry claims the key afresh. Waiting is bounded by
 * `waitTimeoutMs` (the longest a generation can take, queueing included), and ends when the
 * waiting client leaves.
 *
 * Everything read back is checked (redis-payloads.ts). An entry that is not what Peel writes is
 * removed and the key claimed afresh, as if it had expired: a caller then pays for one new
 * generation rather than being replayed a broken one or locked out of its key.
 *
 * Outcomes above `maxBytes` are not kept, as in process; Redis's own `maxmemory` bounds the rest.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { AppError, keyConflict } from '../errors'
import type { Logger } from '../logger'
import type { Outcome } from '../outcome'
import type { Claim, ClaimResult, IdempotencyStore } from './idempotency-store'
import { closeRedis, connectRedis, stateUnavailable } from './redis-client'
import {
  ClaimSchema,
  decodeOutcome,
  encodeOutcome,
  readPayload,
  ReleasedSchema,
  storeError,
  StoredOutcomeSchema,
  toAppError,
} from './redis-payloads'
import type { Released } from './redis-payloads'
import { quietly, renewEvery } from './redis-renewal'

// KEYS: claim, outcome. ARGV: claim JSON, claim lifetime (ms).
const CLAIM = `
local done = redis.call('GET', KEYS[2])
if done then return {'finished', done} end
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
return {'running', redis.call('GET', KEYS[1])}
`

// KEYS: claim. ARGV: claim JSON, claim lifetime (ms). Renews the claim only while it is still ours.
const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`

// KEYS: claim, outcome. ARGV: claim JSON, outcome ('' to keep none), its lifetime, channel, message.
const RELEASE = `
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`

// KEYS: one entry. ARGV: the value found. Removes it unless it was replaced meanwhile.
const DROP_IF_SAME = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

export interface IdempotencyEntries {
  hashed: string
  claim: string
  outcome: string
}

/** Where a scoped key (`owner\0key`) keeps its claim and its outcome. */
export function idempotencyEntries(prefix: string, key: string): IdempotencyEntries {
  const hashed = createHash('sha256').update(key).digest('base64url')
  const outcome = `${prefix}idempotency:${hashed}`
  return { hashed, claim: `${outcome}:lock`, outcome }
}

const vacated = (): Outcome => ({
  ok: false,
  error: new AppError(
    'upstream_unavailable',
    'The same request was running on another Peel instance and stopped before it finished. Try again with the same Idempotency-Key.',
    { retryable: true, retryAfterSeconds: 1 }
  ),
})

export interface RedisIdempotencyOptions {
  /** Put before every key and the channel. */
  prefix?: string
  /** This instance, as named in its claims; a new id when unset. */
  instance?: string
  /** How long a finished outcome can be replayed. */
  ttlMs: number
  /** Outcomes larger than this are not kept. */
  maxBytes: number
  /** How long a claim lasts unless its holder renews it (`hold` renews it every third of this). */
  lockTtlMs: number
  /** The longest a request waits for another instance's generation: its deadline plus queueing. */
  waitTimeoutMs?: number
  /** How often a waiter looks for the outcome in case it missed the message. */
  pollMs?: number
  logger?: Logger
}

export class RedisIdempotency implements IdempotencyStore {
  private readonly prefix: string
  private readonly channel: string
  private readonly listeners = new Map<string, Set<(message: Released) => void>>()
  /** This instance, as named in its claims. */
  readonly instance: string
  /** Outcomes are kept in Redis, not here. */
  readonly heldBytes = 0

  /** Takes ownership of both connections; `subscriber` must be unused. */
  constructor(
    private readonly client: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisIdempotencyOptions
  ) {
    this.prefix = options.prefix ?? 'peel:'
    this.instance = options.instance ?? randomUUID()
    this.channel = `${this.prefix}idempotency-released`
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return
      // A message that is not Peel's is dropped; a waiter still finds the outcome by polling.
      const message = readPayload(ReleasedSchema, text, 'release message', options.logger)
      if (message === undefined) return
      for (const listener of this.listeners.get(message.key) ?? []) listener(message)
    })
  }

  static async connect(url: string, options: RedisIdempotencyOptions): Promise<RedisIdempotency> {
    const { logger } = options
    const client = await connectRedis(url, { logger, role: 'idempotency' })
    let subscriber: Redis | undefined
    try {
      subscriber = await connectRedis(url, { logger, role: 'idempotency-subscriber' })
      const store = new RedisIdempotency(client, subscriber, options)
      await subscriber.subscribe(store.channel)
      return store
    } catch (error) {
      await closeRedis(client)
      if (subscriber !== undefined) await closeRedis(subscriber)
      throw error
    }
  }

  private keys(key: string): IdempotencyEntries {
    return idempotencyEntries(this.prefix, key)
  }

  async claim(key: string, wanted: Omit<Claim, 'instance'>): Promise<ClaimResult> {
    const keys = this.keys(key)
    const claim: Claim = { ...wanted, instance: this.instance }
    const mine = JSON.stringify(claim)
    const { logger } = this.options
    // Twice at most: the second run follows the removal of an entry that was not Peel's.
    for (let attempt = 0; ; attempt++) {
      let reply: [string, string | null]
      try {
        reply = (await this.client.eval(
          CLAIM,
          2,
          keys.claim,
          keys.outcome,
          mine,
          this.options.lockTtlMs
        )) as [string, string | null]
      } catch (error) {
        throw stateUnavailable(error)
      }
      const [kind, value] = reply
      // `null` only if the claim expired within the script, which a lifetime of seconds rules out.
      if (kind !== 'finished' && (value === mine || value === null)) {
        return { kind: 'claimed', claim }
      }
      // A kept outcome is never empty; an empty reply is not Redis as Peel knows it.
      if (value === null) throw stateUnavailable(new Error('empty idempotency entry'))
      const found =
        kind === 'finished'
          ? readPayload(StoredOutcomeSchema, value, 'kept outcome', logger)
          : readPayload(ClaimSchema, value, 'claim', logger)
      if (found !== undefined) {
        return 'instance' in found
          ? { kind: 'running', holder: found }
          : { kind: 'finished', ...decodeOutcome(found) }
      }
      if (attempt > 0) throw stateUnavailable(new Error('unreadable idempotency entry'))
      await this.drop(kind === 'finished' ? keys.outcome : keys.claim, value)
    }
  }

  private async drop(entry: string, value: string): Promise<void> {
    try {
      await this.client.eval(DROP_IF_SAME, 1, entry, value)
    } catch (error) {
      throw stateUnavailable(error)
    }
  }

  async release(key: string, claim: Claim, outcome: Outcome, keep: boolean): Promise<void> {
    const keys = this.keys(key)
    let kept =
      keep && this.options.ttlMs > 0 ? encodeOutcome(claim.fingerprint, outcome) : undefined
    if (kept !== undefined && kept.length > this.options.maxBytes) kept = undefined
    const message: Released = {
      key: keys.hashed,
      id: claim.id,
      ...(outcome.ok || kept !== undefined ? {} : { error: storeError(outcome.error) }),
    }
    try {
      await this.client.eval(
        RELEASE,
        2,
        keys.claim,
        keys.outcome,
        JSON.stringify(claim),
        kept ?? '',
        this.options.ttlMs,
        this.channel,
        JSON.stringify(message)
      )
    } catch (error) {
      this.options.logger?.log('error', 'idempotency outcome not shared', {
        id: claim.id,
        detail: (error as Error).message.slice(0, 200),
      })
    }
  }

  wait(key: string, holder: Claim, signal: AbortSignal): Promise<Outcome> {
    const keys = this.keys(key)
    const { logger } = this.options
    const pollMs = this.options.pollMs ?? 1000
    const deadline = Date.now() + (this.options.waitTimeoutMs ?? this.options.lockTtlMs) + pollMs
    return new Promise<Outcome>((resolve) => {
      let done = false
      const finish = (outcome: Outcome) => {
        if (done) return
        done = true
        clearInterval(poll)
        signal.removeEventListener('abort', onAbort)
        const set = this.listeners.get(keys.hashed)
        set?.delete(onMessage)
        if (set?.size === 0) this.listeners.delete(keys.hashed)
        resolve(outcome)
      }
      const check = async () => {
        try {
          const [stored, claim] = await this.client.mget(keys.outcome, keys.claim)
          if (stored != null) {
            // Unreadable: as good as vacated; the retry removes it and claims the key afresh.
            const found = readPayload(StoredOutcomeSchema, stored, 'kept outcome', logger)
            if (found === undefined) finish(vacated())
            else if (found.fingerprint !== holder.fingerprint)
              finish({ ok: false, error: keyConflict() })
            else finish(decodeOutcome(found).outcome)
          } else if (
            claim == null ||
            readPayload(ClaimSchema, claim, 'claim', logger)?.id !== holder.id
          ) {
            finish(vacated())
          } else if (Date.now() >= deadline) {
            finish({
              ok: false,
              error: new AppError(
                'upstream_timeout',
                'The same request running on another Peel instance did not finish in time. Try again.'
              ),
            })
          }
        } catch (error) {
          finish({ ok: false, error: stateUnavailable(error) })
        }
      }
      const onMessage = (message: Released) => {
        if (message.id === holder.id && message.error !== undefined) {
          finish({ ok: false, error: toAppError(message.error) })
        } else void check()
      }
      const onAbort = () => {
        finish({
          ok: false,
          error: new AppError('cancelled', 'The generation was cancelled before it finished.'),
        })
      }
      const poll = setInterval(() => void check(), pollMs)
      signal.addEventListener('abort', onAbort, { once: true })
      const set = this.listeners.get(keys.hashed) ?? new Set()
      set.add(onMessage)
      this.listeners.set(keys.hashed, set)
      // The holder may have finished between the claim and now; the message would be gone.
      if (signal.aborted) onAbort()
      else void check()
    })
  }

  hold(key: string, claim: Claim): () => void {
    const keys = this.keys(key)
    const value = JSON.stringify(claim)
    // The next renewal may succeed; until the claim lapses nothing is lost.
    return renewEvery(
      this.options.lockTtlMs,
      quietly(this.options.logger, 'idempotency claim not renewed', claim.id, () =>
        this.client.eval(EXTEND, 1, keys.claim, value, this.options.lockTtlMs)
      )
    )
  }

  async close(): Promise<void> {
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.client)])
  }
}
