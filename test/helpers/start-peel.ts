import { loadConfig } from '../../server/config'
import type { Logger } from '../../server/logger'
import { silentLogger } from '../../server/logger'
import { startPeelServer } from '../../server/start-peel-server'
import type { PeelServer } from '../../server/start-peel-server'

export interface StartPeelOptions {
  tokens?: string[]
  simulatorLatencyMs?: number
  upstreamTimeoutMs?: number
  logger?: Logger
  bodyIdleMs?: number
}

/** A real Peel server on a free loopback port, in simulator mode with its own simulator. */
export function startPeel(options: StartPeelOptions = {}): Promise<PeelServer> {
  const config = loadConfig({
    PORT: '0',
    PEEL_TOKENS: options.tokens?.join(','),
    PEEL_SIM_LATENCY_MS: String(options.simulatorLatencyMs ?? 0),
    PEEL_UPSTREAM_TIMEOUT_MS: String(options.upstreamTimeoutMs ?? 60_000),
    PEEL_BODY_IDLE_MS: options.bodyIdleMs === undefined ? undefined : String(options.bodyIdleMs),
  })
  return startPeelServer(config, { logger: options.logger ?? silentLogger })
}
