import { createApp } from '../../server/app'
import type { Upstream } from '../../server/config'
import { createCatalogue } from '../../server/gemini/create-catalogue'
import { createGenerator } from '../../server/gemini/create-generator'
import type { RetryPolicy } from '../../server/gemini/with-retries'
import { Generations } from '../../server/generation/generations'
import type { IdempotencyOptions } from '../../server/generation/generations'
import { createLogger } from '../../server/logger'
import { parseTokens } from '../../server/parse-tokens'

export interface TestAppOptions {
  /** The simulator (or anything else) the real SDK talks to. */
  baseUrl: string
  tokens?: string[]
  timeoutMs?: number
  maxBodyBytes?: number
  upstream?: Upstream
  /** Retries are fast by default so fault tests stay quick; Google's RetryInfo still applies. */
  retry?: Partial<RetryPolicy>
  idempotency?: IdempotencyOptions
  sseHeartbeatMs?: number
  /** The clock for rate-limit windows. */
  now?: () => number
  /** Where Peel Studio was built; no /studio when unset. */
  studioDir?: string
}

/**
 * `createApp` with the real generator and SDK pointed at `baseUrl`, plus every log line it
 * wrote, so tests can assert on both replies and logs.
 */
export function createTestApp(options: TestAppOptions) {
  const logs: string[] = []
  const upstream = options.upstream ?? { mode: 'simulator', baseUrl: options.baseUrl }
  const generator = createGenerator({
    upstream,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, ...options.retry },
  })
  const generations = new Generations(generator, options.idempotency)
  const app = createApp({
    health: { status: 'ok', mode: upstream.mode, version: 'test' },
    catalogue: createCatalogue(),
    generations,
    tokens: parseTokens(options.tokens?.join(',')),
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    sseHeartbeatMs: options.sseHeartbeatMs,
    now: options.now,
    studioDir: options.studioDir,
    logger: createLogger({ write: (line) => logs.push(line) }),
  })
  return { app, logs, generations }
}

/** A `POST /v1/generations` init with a JSON body. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }
}
