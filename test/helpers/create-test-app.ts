import { createApp } from '../../server/app'
import type { Upstream } from '../../server/config'
import { createCatalogue } from '../../server/gemini/create-catalogue'
import { createGenerator } from '../../server/gemini/create-generator'
import { createLogger } from '../../server/logger'

export interface TestAppOptions {
  /** The simulator (or anything else) the real SDK talks to. */
  baseUrl: string
  tokens?: string[]
  timeoutMs?: number
  maxBodyBytes?: number
  upstream?: Upstream
}

/**
 * `createApp` with the real generator and SDK pointed at `baseUrl`, plus every log line it
 * wrote, so tests can assert on both replies and logs.
 */
export function createTestApp(options: TestAppOptions) {
  const logs: string[] = []
  const upstream = options.upstream ?? { mode: 'simulator', baseUrl: options.baseUrl }
  const app = createApp({
    health: { status: 'ok', mode: upstream.mode, version: 'test' },
    catalogue: createCatalogue(),
    generator: createGenerator({ upstream, timeoutMs: options.timeoutMs ?? 30_000 }),
    tokens: options.tokens ?? [],
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    logger: createLogger({ write: (line) => logs.push(line) }),
  })
  return { app, logs }
}

/** A `POST /v1/generations` init with a JSON body. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }
}
