import { loadConfig } from '../../server/config'
import { silentLogger } from '../../server/logger'
import { type RunningSimulator, startSimulator } from '../../server/simulator/start-simulator'
import { type PeelServer, startPeelServer } from '../../server/start-peel-server'

/**
 * A real Peel server in simulator mode whose simulator the test started itself, so it can count
 * the upstream calls Peel really made (`simulator.requests`).
 */
export async function startObservedPeel(
  tokens: string[]
): Promise<{ peel: PeelServer; simulator: RunningSimulator; close(): Promise<void> }> {
  const simulator = await startSimulator({ port: 0 })
  const peel = await startPeelServer(
    loadConfig({
      PORT: '0',
      PEEL_TOKENS: tokens.join(','),
      GEMINI_BASE_URL: simulator.url,
      PEEL_UPSTREAM_TIMEOUT_MS: '60000',
    }),
    { logger: silentLogger }
  )
  return {
    peel,
    simulator,
    async close() {
      await peel.close()
      await simulator.close()
    },
  }
}
