/**
 * @module
 * One log line per request: id, method, path, status and time taken. Never headers or bodies,
 * which carry tokens, keys and image data; and for a route with parameters, its pattern rather
 * than the path, which may carry a caller's Idempotency-Key (`DELETE /v1/generations/{key}`).
 */
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppEnv, StreamOutcome } from '../app-env'
import type { Logger } from '../logger'
import type { PeelMetrics } from '../metrics/peel-metrics'

export interface RequestLogOptions {
  logger: Logger
  metrics?: PeelMetrics
}

// Where no pattern with parameters matched (a request refused before routing, a 404), the path
// is logged with what could be a caller's id or Idempotency-Key replaced, as the route would.
function pathToLog(route: string, path: string): string {
  return route.includes(':')
    ? route
    : path.replace(/^\/v1\/generations\/[^/]+/, '/v1/generations/:id')
}

export function requestLog({ logger, metrics }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = performance.now()
    await next()
    // The matched pattern, not the raw path, so ids in paths don't explode the series count.
    const route = routePath(c)
    const write = (stream?: StreamOutcome) => {
      const fields: Record<string, unknown> = {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: pathToLog(route, c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }
      const token = c.get('token')
      if (token !== undefined) fields.token = token.name
      const model = c.get('model')
      if (model !== undefined) fields.model = model
      const attempts = c.get('attempts')
      if (attempts !== undefined) fields.attempts = attempts
      // A stream opens with 200 whatever happens next; its outcome is what the client saw.
      if (stream !== undefined && !stream.ok) {
        fields.outcome = stream.code
        fields.outcomeStatus = stream.status
      }
      const status = stream?.status ?? c.res.status
      logger.log(
        status >= 500 ? 'error' : status >= 400 && stream !== undefined ? 'warn' : 'info',
        'request',
        fields
      )
      metrics?.requests.inc({ method: c.req.method, route, status: String(c.res.status) })
      metrics?.requestSeconds.observe({ route }, (performance.now() - started) / 1000)
    }
    const streamed = c.get('streamOutcome')
    if (streamed === undefined) write()
    else void streamed.then(write)
  }
}
