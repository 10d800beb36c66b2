import { Hono } from 'hono'
import type { UsageReport } from '../../protocol/usage'
import type { AppEnv } from '../app-env'
import { ownerOf } from '../app-env'
import type { StateStore } from '../state/state-store'

/** `GET /v1/usage`: an admin token sees every token's usage; any other token only its own. */
export function usageRoute(store: StateStore) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const token = c.get('token')
    const rows = await store.readUsage(
      token === undefined || token.admin ? undefined : ownerOf(token)
    )
    const byToken = new Map<string, UsageReport['tokens'][number]>()
    for (const { token: name, costMicroUsd, ...totals } of rows) {
      const entry = byToken.get(name) ?? { token: name, models: [] }
      entry.models.push({ ...totals, estimatedCostUsd: costMicroUsd / 1_000_000 })
      byToken.set(name, entry)
    }
    const report: UsageReport = { tokens: [...byToken.values()] }
    return c.json(report)
  })
}
