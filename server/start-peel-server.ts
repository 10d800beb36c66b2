/**
 * @module
 * Wires a `Config` into a running Peel server: the bundled simulator when no Gemini credentials
 * are set, then the app on its port. `server/index.ts` and the end-to-end tests both start here.
 */
import type { Server } from 'node:http'
import type { HealthResponse } from '../protocol/api'
import { createApp } from './app'
import type { Config, Upstream } from './config'
import { createCatalogue } from './gemini/create-catalogue'
import { createGenerator } from './gemini/create-generator'
import { DEFAULT_PRICES } from './gemini/prices'
import { DEFAULT_RETRY_POLICY } from './gemini/with-retries'
import { Generations } from './generation/generations'
import { listen } from './listen'
import { createLogger } from './logger'
import type { Logger } from './logger'
import { startSimulator } from './simulator/start-simulator'
import { MemoryStore } from './state/memory-store'
import { RedisIdempotency } from './state/redis-idempotency'
import { RedisStore } from './state/redis-store'
import type { StateStore } from './state/state-store'
import { VERSION } from './version'

export interface PeelServer {
  url: string
  port: number
  mode: HealthResponse['mode']
  /** Set when this process started its own simulator. */
  simulatorUrl?: string
  /** Generations running now. */
  readonly inFlight: number
  /**
   * Stops taking work: new generations get 503 while running ones get up to `graceMs` to finish,
   * then every connection is closed. Resolves with how many were still running at the end.
   */
  shutdown(graceMs: number): Promise<{ abandoned: number }>
  /** Closes at once, dropping whatever is running. */
  close(): Promise<void>
}

async function waitForIdleConnections(server: Server, deadline: number): Promise<void> {
  for (;;) {
    server.closeIdleConnections()
    const open = await new Promise<number>((resolve) => {
      server.getConnections((_error, count) => {
        resolve(count)
      })
    })
    if (open === 0 || Date.now() >= deadline) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export interface StartOptions {
  logger?: Logger
}

export async function startPeelServer(
  config: Config,
  options: StartOptions = {}
): Promise<PeelServer> {
  const catalogue = createCatalogue(config.models, config.defaultModel)
  const secrets = [
    ...config.tokens.map((spec) => spec.token),
    ...(config.upstream.mode === 'gemini' ? [config.upstream.apiKey] : []),
    ...(config.redisUrl === undefined
      ? []
      : [decodeURIComponent(new URL(config.redisUrl).password)]),
  ]
  const logger = options.logger ?? createLogger({ secrets })
  let upstream: Upstream = config.upstream
  const simulator =
    upstream.mode === 'simulator' && upstream.baseUrl === undefined
      ? await startSimulator({ port: 0, latencyMs: config.simulator.latencyMs })
      : undefined
  if (simulator !== undefined) upstream = { ...upstream, baseUrl: simulator.url }
  let store: StateStore = new MemoryStore()
  let shared: RedisIdempotency | undefined
  if (config.redisUrl !== undefined) {
    try {
      store = await RedisStore.connect(config.redisUrl, { logger })
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
      await simulator?.close()
      throw error
    }
  }
  const generations = new Generations(
    createGenerator({
      upstream,
      timeoutMs: config.upstreamTimeoutMs,
      retry: { ...DEFAULT_RETRY_POLICY, attempts: config.retryAttempts },
    }),
    config.idempotency,
    config.maxConcurrent,
    shared
  )
  let draining = false
  const app = createApp({
    health: { status: 'ok', mode: upstream.mode, version: VERSION },
    catalogue,
    generations,
    sseHeartbeatMs: config.sseHeartbeatMs,
    tokens: config.tokens,
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    maxBodyBytes: config.maxBodyBytes,
    bodyIdleMs: config.body.idleMs,
    bodyTimeoutMs: config.body.timeoutMs,
    logger,
    store,
    prices: { ...DEFAULT_PRICES, ...config.prices },
    isDraining: () => draining,
    // Twice the upstream slots: enough to keep them busy, few enough to bound the memory.
    admissionLimit: config.maxConcurrent * 2,
    admissionBytes: config.maxInflightBytes,
  })
  let listening
  try {
    listening = await listen(app.fetch, config.port, config.host, {
      // A backstop under Peel's own body deadlines: a request still unread after its wait for
      // admission and its body deadline is dropped by Node.
      requestTimeoutMs: config.body.timeoutMs + config.upstreamTimeoutMs,
    })
  } catch (error) {
    await shared?.close()
    await store.close()
    await simulator?.close()
    throw error
  }
  const close = async () => {
    await listening.close()
    await shared?.close()
    await store.close()
    await simulator?.close()
  }
  return {
    url: listening.url,
    port: listening.port,
    mode: upstream.mode,
    simulatorUrl: simulator?.url,
    get inFlight() {
      return generations.inFlight
    },
    async shutdown(graceMs) {
      draining = true
      // No new connections; requests on open keep-alive connections get the 503 above.
      listening.server.close()
      const deadline = Date.now() + graceMs
      let timer: NodeJS.Timeout | undefined
      const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))
      await Promise.race([generations.drain(), expired])
      clearTimeout(timer)
      const abandoned = generations.inFlight
      // A settled generation still has its reply to write; wait for sockets to go idle.
      await waitForIdleConnections(listening.server, deadline)
      await close()
      return { abandoned }
    },
    close,
  }
}
