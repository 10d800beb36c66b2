/**
 * @module
 * Wires a `Config` into a running Peel server: the bundled simulator when no Gemini credentials
 * are set, the shared state, then the app on its port. `server/index.ts` and the end-to-end tests
 * both start here.
 */
import { resolve } from 'node:path'
import type { HealthResponse } from '../protocol/api'
import { createApp } from './app'
import type { Config } from './config'
import { drainServer } from './drain-server'
import { createCatalogue } from './gemini/create-catalogue'
import { createGenerator } from './gemini/create-generator'
import { DEFAULT_PRICES } from './gemini/prices'
import { DEFAULT_RETRY_POLICY } from './gemini/with-retries'
import { Generations } from './generation/generations'
import { listen } from './listen'
import { createLogger } from './logger'
import type { Logger } from './logger'
import { secretsOf } from './secrets-of'
import { startUpstream } from './start-upstream'
import { connectState } from './state/connect-state'
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

export interface StartOptions {
  logger?: Logger
  /** Where Peel Studio was built (default dist/studio); tests build their own. */
  studioDir?: string
}

export async function startPeelServer(
  config: Config,
  options: StartOptions = {}
): Promise<PeelServer> {
  const logger = options.logger ?? createLogger({ secrets: secretsOf(config) })
  // Whatever has been opened, closed in the reverse order, also when a later step fails.
  const opened: { close(): Promise<void> }[] = []
  const close = async () => {
    for (const resource of opened.splice(0).reverse()) await resource.close()
  }
  try {
    const { upstream, simulator } = await startUpstream(config)
    if (simulator !== undefined) opened.push(simulator)
    const state = await connectState(config, logger)
    opened.push(state)
    const generations = new Generations(
      createGenerator({
        upstream,
        timeoutMs: config.upstreamTimeoutMs,
        retry: { ...DEFAULT_RETRY_POLICY, attempts: config.retryAttempts },
      }),
      config.idempotency,
      config.maxConcurrent,
      state.shared
    )
    let draining = false
    const app = createApp({
      health: { status: 'ok', mode: upstream.mode, version: VERSION },
      catalogue: createCatalogue(config.models, config.defaultModel),
      generations,
      sseHeartbeatMs: config.sseHeartbeatMs,
      tokens: config.tokens,
      corsOrigins: config.corsOrigins,
      allowedHosts: config.allowedHosts,
      maxBodyBytes: config.maxBodyBytes,
      bodyIdleMs: config.body.idleMs,
      bodyTimeoutMs: config.body.timeoutMs,
      logger,
      store: state.store,
      prices: { ...DEFAULT_PRICES, ...config.prices },
      isDraining: () => draining,
      // Twice the upstream slots: enough to keep them busy, few enough to bound the memory.
      admissionLimit: config.maxConcurrent * 2,
      admissionBytes: config.maxInflightBytes,
      // Built beside the server by `npm run build`; the process runs from the project root.
      studioDir: config.studio ? (options.studioDir ?? resolve('dist/studio')) : undefined,
    })
    const listening = await listen(app.fetch, config.port, config.host, {
      // A backstop under Peel's own body deadlines: a request still unread after its wait for
      // admission and its body deadline is dropped by Node.
      requestTimeoutMs: config.body.timeoutMs + config.upstreamTimeoutMs,
    })
    opened.push(listening)
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
        const drained = await drainServer(listening.server, generations, graceMs)
        await close()
        return drained
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
