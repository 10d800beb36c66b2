/**
 * @module
 * One log line per request: id, method, path, status and time taken. Never headers or bodies,
 * which carry tokens, keys and image data.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import type { Logger } from '../logger'

export interface RequestLogOptions {
  logger: Logger
}

export function requestLog({ logger }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = performance.now()
    await next()
    const fields: Record<string, unknown> = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    }
    const token = c.get('token')
    if (token !== undefined) fields.token = token.name
    const model = c.get('model')
    if (model !== undefined) fields.model = model
    const attempts = c.get('attempts')
    if (attempts !== undefined) fields.attempts = attempts
    logger.log(c.res.status >= 500 ? 'error' : 'info', 'request', fields)
  }
}
