import { afterAll, beforeAll } from 'vitest'
import type { PeelServer } from '../../server/start-peel-server'
import { startPeel } from '../helpers/start-peel'
import { type Harness, startHarness } from './harness/start-harness'

/**
 * A real Peel server in simulator mode (one bearer token) and the browser harness, started once
 * for a test file and closed after it. With `slowLatencyMs`, also a second server whose
 * simulator takes that long, and the address of one that was started and closed (nothing
 * answers there), both allowed by the harness.
 */
export function usePluginEnv(
  token: string,
  { slowLatencyMs }: { slowLatencyMs?: number } = {}
): {
  readonly peel: PeelServer
  readonly harness: Harness
  readonly slow: PeelServer
  readonly deadUrl: string
} {
  let peel: PeelServer | undefined
  let slow: PeelServer | undefined
  let deadUrl: string | undefined
  let harness: Harness | undefined
  beforeAll(async () => {
    peel = await startPeel({ tokens: [token] })
    const urls = [peel.url]
    if (slowLatencyMs !== undefined) {
      slow = await startPeel({ tokens: [token], simulatorLatencyMs: slowLatencyMs })
      const dead = await startPeel()
      deadUrl = dead.url
      await dead.close()
      urls.push(slow.url, deadUrl)
    }
    harness = await startHarness(urls)
  }, 60_000)
  afterAll(async () => {
    await harness?.close()
    await peel?.close()
    await slow?.close()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('usePluginEnv: not started, or not asked for')
    return value
  }
  return {
    get peel() {
      return started(peel)
    },
    get harness() {
      return started(harness)
    },
    get slow() {
      return started(slow)
    },
    get deadUrl() {
      return started(deadUrl)
    },
  }
}
