/**
 * @module
 * Chrome's Private Network Access: a page on a public origin (Figma) that calls a loopback server
 * sends a preflight with `Access-Control-Request-Private-Network: true` and needs this header back.
 */
import type { MiddlewareHandler } from 'hono'

export function privateNetworkAccess(): MiddlewareHandler {
  return async function privateNetworkAccess(c, next) {
    await next()
    if (
      c.req.method === 'OPTIONS' &&
      c.req.header('access-control-request-private-network') === 'true'
    ) {
      c.res.headers.set('Access-Control-Allow-Private-Network', 'true')
    }
  }
}
