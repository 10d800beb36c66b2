import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'
import type { PeelMetrics } from '../metrics/peel-metrics'

/** `GET /metrics` in Prometheus text format; needs an admin token when tokens are configured. */
export function metricsRoute(metrics: PeelMetrics, tokensConfigured: boolean) {
  return new Hono<AppEnv>().get('/', (c) => {
    if (tokensConfigured && c.get('token')?.admin !== true) {
      throw new AppError(
        'unauthorized',
        'Metrics need an admin token (a PEEL_TOKENS entry marked ;admin).'
      )
    }
    return c.body(metrics.registry.render(), 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    })
  })
}
