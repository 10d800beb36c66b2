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
 * Outcomes above `maxBytes` are not kept, as in process; Redis's own `maxmemory` bounds the rest.
 *
 * Every generation running on an instance is also **announced** (`…generation:<hash of owner and
 * id>`, holding the instance and the id), renewed like a claim and deleted when it ends, so that a
 * `DELETE /v1/generations/{id}` that the load balancer sends to another instance still finds it.
 * Cancel requests travel over pub/sub to the instance named, which decides (see `Generations`).
 */
import { createHash, randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { GenerateResponse } from '../../protocol/api'
import type { ErrorCode, Issue } from '../../protocol/errors'
import { AppError } from '../errors'
import type { Outcome } from '../generation/generation-job'
import { keyConflict } from '../generation/shared-idempotency'
import type {
  CancelTarget,
  Claim,
  ClaimResult,
  Running,
  SharedIdempotency,
} from '../generation/shared-idempotency'
import type { Logger } from '../logger'
import { closeRedis, connectRedis, stateUnavailable } from './redis-client'

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

interface StoredError {
  code: ErrorCode
  message: string
  issues?: Issue[]
  retryAfterSeconds?: number
  attempts?: number
  retryable: boolean
}

/** Published on the cancel channel: the instance running a generation, and its callers elsewhere. */
interface CancelRequest {
  instance: string
  id: string
  waiting: number
}

interface Stored {
  fingerprint: string
  body?: GenerateResponse
  error?: StoredError
}

/** Published on release: which key, which generation, and its error when that was not kept. */
interface Released {
  key: string
  id: string
  error?: StoredError
}

function storeError(error: AppError): StoredError {
  return {
    code: error.code,
    message: error.message,
    issues: error.issues,
    retryAfterSeconds: error.retryAfterSeconds,
    attempts: error.attempts,
    retryable: error.retryable,
  }
}

function toAppError(stored: StoredError): AppError {
  const error = new AppError(stored.code, stored.message, {
    issues: stored.issues,
    retryAfterSeconds: stored.retryAfterSeconds,
    retryable: stored.retryable,
  })
  return stored.attempts === undefined ? error : error.withAttempts(stored.attempts)
}

function encode(fingerprint: string, outcome: Outcome): string {
  return JSON.stringify(
    outcome.ok
      ? { fingerprint, body: outcome.body }
      : { fingerprint, error: storeError(outcome.error) }
  )
}

function decode(text: string): { fingerprint: string; outcome: Outcome } {
  const stored = JSON.parse(text) as Stored
  if (stored.body !== undefined) {
    return { fingerprint: stored.fingerprint, outcome: { ok: true, body: stored.body } }
  }
  const error = stored.error ?? {
    code: 'internal',
    message: 'Peel could not read the kept result. Try again with a new Idempotency-Key.',
    retryable: false,
  }
  return { fingerprint: stored.fingerprint, outcome: { ok: false, error: toAppError(error) } }
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

export class RedisIdempotency implements SharedIdempotency {
  private readonly prefix: string
  private readonly channel: string
  private readonly cancelChannel: string
  private readonly listeners = new Map<string, Set<(message: Released) => void>>()
  private readonly cancelListeners: ((id: string, waitingElsewhere: number) => void)[] = []
  /** This instance, as named in its claims. */
  readonly instance = randomUUID()

  /** Takes ownership of both connections; `subscriber` must be unused. */
  constructor(
    private readonly client: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisIdempotencyOptions
  ) {
    this.prefix = options.prefix ?? 'peel:'
    this.channel = `${this.prefix}idempotency-released`
    this.cancelChannel = `${this.prefix}idempotency-cancel`
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.cancelChannel) {
        this.onCancelMessage(text)
        return
      }
      if (channel !== this.channel) return
      let message: Released
      try {
        message = JSON.parse(text) as Released
      } catch {
        return
      }
      for (const listener of this.listeners.get(message.key) ?? []) listener(message)
    })
  }

  static async connect(url: string, options: RedisIdempotencyOptions): Promise<RedisIdempotency> {
    const { logger } = options
    const client = await connectRedis(url, { logger, role: 'idempotency' })
    let subscriber: Redis | undefined
    try {
      subscriber = await connectRedis(url, { logger, role: 'idempotency-subscriber' })
      const shared = new RedisIdempotency(client, subscriber, options)
      await subscriber.subscribe(shared.channel, shared.cancelChannel)
      return shared
    } catch (error) {
      await closeRedis(client)
      if (subscriber !== undefined) await closeRedis(subscriber)
      throw error
    }
  }

  private keys(key: string): { hashed: string; claim: string; outcome: string } {
    const hashed = createHash('sha256').update(key).digest('base64url')
    const outcome = `${this.prefix}idempotency:${hashed}`
    return { hashed, claim: `${outcome}:lock`, outcome }
  }

  /** Where the generation `scopedId` (`owner\0id`) is announced while it runs. */
  private announcement(scopedId: string): string {
    return `${this.prefix}generation:${createHash('sha256').update(scopedId).digest('base64url')}`
  }

  /** Runs `renew` every third of the claim lifetime until the returned function is called. */
  private every(renew: () => Promise<void>): () => void {
    const timer = setInterval(() => void renew(), Math.max(1, this.options.lockTtlMs / 3))
    timer.unref()
    return () => {
      clearInterval(timer)
    }
  }

  /**
   * `write`, logging `message` once per run of failures rather than on every renewal: with Redis
   * away every running generation fails each renewal, and the client already logs the outage.
   */
  private quietly(message: string, id: string, write: () => Promise<unknown>): () => Promise<void> {
    let failing = false
    return async () => {
      try {
        await write()
        failing = false
      } catch (error) {
        if (!failing) this.warn(message, id, error)
        failing = true
      }
    }
  }

  async claim(key: string, wanted: Omit<Claim, 'instance'>): Promise<ClaimResult> {
    const keys = this.keys(key)
    const claim: Claim = { ...wanted, instance: this.instance }
    const mine = JSON.stringify(claim)
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
    if (kind === 'finished' && value !== null) return { kind: 'finished', ...decode(value) }
    // `null` only if the claim expired within the script, which a lifetime of seconds rules out.
    if (value === mine || value === null) return { kind: 'claimed', claim }
    return { kind: 'running', holder: JSON.parse(value) as Claim }
  }

  async release(key: string, claim: Claim, outcome: Outcome, keep: boolean): Promise<void> {
    const keys = this.keys(key)
    let kept = keep && this.options.ttlMs > 0 ? encode(claim.fingerprint, outcome) : undefined
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
            const found = decode(stored)
            finish(
              found.fingerprint === holder.fingerprint
                ? found.outcome
                : { ok: false, error: keyConflict() }
            )
          } else if (claim == null || (JSON.parse(claim) as Claim).id !== holder.id) {
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
    return this.every(
      this.quietly('idempotency claim not renewed', claim.id, () =>
        this.client.eval(EXTEND, 1, keys.claim, value, this.options.lockTtlMs)
      )
    )
  }

  announce(owner: string, id: string): () => void {
    const key = this.announcement(`${owner}\0${id}`)
    const running: Running = { instance: this.instance, id }
    const value = JSON.stringify(running)
    // SET rather than PEXPIRE: a renewal also restores an entry lost to a Redis restart.
    const renew = this.quietly('generation not announced', id, () =>
      this.client.set(key, value, 'PX', this.options.lockTtlMs)
    )
    void renew()
    const stop = this.every(renew)
    return () => {
      stop()
      this.client.del(key).catch((error: unknown) => {
        // It lapses within lockTtlMs; a cancel meanwhile reaches an instance that ignores it.
        this.warn('generation announcement not removed', id, error)
      })
    }
  }

  async requestCancel(target: CancelTarget, waiting: number): Promise<Running | undefined> {
    // The claim first: a key names whichever generation holds it now.
    const lookups = [
      ...(target.key === undefined ? [] : [this.keys(target.key).claim]),
      ...(target.id === undefined ? [] : [this.announcement(target.id)]),
    ]
    if (lookups.length === 0) return undefined
    try {
      const value = (await this.client.mget(lookups)).find((found) => found != null)
      if (value == null) return undefined
      const { instance, id } = JSON.parse(value) as Running
      const message: CancelRequest = { instance, id, waiting }
      await this.client.publish(this.cancelChannel, JSON.stringify(message))
      return { instance, id }
    } catch (error) {
      throw stateUnavailable(error)
    }
  }

  onCancel(listener: (id: string, waitingElsewhere: number) => void): void {
    this.cancelListeners.push(listener)
  }

  private onCancelMessage(text: string): void {
    let message: CancelRequest
    try {
      message = JSON.parse(text) as CancelRequest
    } catch {
      return
    }
    if (message.instance !== this.instance) return
    // An instance of an older version sends no count: count nobody there.
    const waiting = Number.isInteger(message.waiting) ? message.waiting : 0
    for (const listener of this.cancelListeners) listener(message.id, waiting)
  }

  private warn(message: string, id: string, error: unknown): void {
    this.options.logger?.log('warn', message, {
      id,
      detail: (error instanceof Error ? error.message : String(error)).slice(0, 200),
    })
  }

  async close(): Promise<void> {
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.client)])
  }
}
