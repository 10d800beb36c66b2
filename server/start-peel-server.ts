/**
 * @module
 * Wires a `Config` into a running Peel server: the bundled simulator when no Gemini credentials
 * are set, then the app on its port. `server/index.ts` and the end-to-end tests both start here.
 */
import type { HealthResponse } from '../protocol/api'
import { createApp } from './app'
import type { Config, Upstream } from './config'
import { createCatalogue } from './gemini/create-catalogue'
import { createGenerator } from './gemini/create-generator'
import { DEFAULT_RETRY_POLICY } from './gemini/with-retries'
import { Generations } from './generation/generations'
import { listen } from './listen'
import { createLogger } from './logger'
import type { Logger } from './logger'
import { startSimulator } from './simulator/start-simulator'
import { VERSION } from './version'

export interface PeelServer {
  url: string
  port: number
  mode: HealthResponse['mode']
  /** Set when this process started its own simulator. */
  simulatorUrl?: string
  close(): Promise<void>
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
  ]
  const logger = options.logger ?? createLogger({ secrets })
  let upstream: Upstream = config.upstream
  const simulator =
    upstream.mode === 'simulator' && upstream.baseUrl === undefined
      ? await startSimulator({ port: 0, latencyMs: config.simulator.latencyMs })
      : undefined
  if (simulator !== undefined) upstream = { ...upstream, baseUrl: simulator.url }
  const app = createApp({
    health: { status: 'ok', mode: upstream.mode, version: VERSION },
    catalogue,
    generations: new Generations(
      createGenerator({
        upstream,
        timeoutMs: config.upstreamTimeoutMs,
        retry: { ...DEFAULT_RETRY_POLICY, attempts: config.retryAttempts },
      }),
      config.idempotency
    ),
    sseHeartbeatMs: config.sseHeartbeatMs,
    tokens: config.tokens,
    maxBodyBytes: config.maxBodyBytes,
    logger,
  })
  let listening
  try {
    listening = await listen(app.fetch, config.port, config.host)
  } catch (error) {
    await simulator?.close()
    throw error
  }
  return {
    url: listening.url,
    port: listening.port,
    mode: upstream.mode,
    simulatorUrl: simulator?.url,
    close: async () => {
      await listening.close()
      await simulator?.close()
    },
  }
}
