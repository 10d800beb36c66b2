import { afterAll, beforeAll } from 'vitest'
import type { PeelServer } from '../../server/start-peel-server'
import { startPeel } from '../helpers/start-peel'
import { type Harness, startHarness } from './harness/start-harness'

/**
 * A real Peel server in simulator mode (one bearer token) and the browser harness, started once
 * for a test file and closed after it.
 */
export function usePluginEnv(token: string): {
  readonly peel: PeelServer
  readonly harness: Harness
} {
  let peel: PeelServer | undefined
  let harness: Harness | undefined
  beforeAll(async () => {
    peel = await startPeel({ tokens: [token] })
    harness = await startHarness([peel.url])
  }, 60_000)
  afterAll(async () => {
    await harness?.close()
    await peel?.close()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('usePluginEnv: read before beforeAll ran')
    return value
  }
  return {
    get peel() {
      return started(peel)
    },
    get harness() {
      return started(harness)
    },
  }
}
