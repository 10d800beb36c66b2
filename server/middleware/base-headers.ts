/**
 * @module
 * What every reply carries: the request id and CORS headers. Preflights are answered here,
 * including Chrome's Private Network Access: a page on a public origin (Figma) that calls a
 * loopback server sends `Access-Control-Request-Private-Network: true` and needs the matching
 * header back. Figma's plugin iframe has the opaque origin `null`, so no allow-list of origins can
 * match it; tokens, not origins, protect the API.
 */
import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { requestHeader } from '../http/node-request'
import { carriesBaseHeaders, reply } from '../http/reply'

const ALLOW_METHODS = 'GET,POST,DELETE,OPTIONS'
const ALLOW_HEADERS = 'Authorization,Content-Type,X-Gemini-Api-Key,Idempotency-Key,X-Request-Id'
const EXPOSE_HEADERS =
  'X-Request-Id,Retry-After,X-Peel-Attempts,X-Generation-Id,Idempotent-Replayed'
/** Seconds a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE = '600'

// A caller's own id is kept when it is safe to echo and to log, as Hono's requestId() does.
function requestIdOf(given: string | undefined): string {
  return given !== undefined && given.length > 0 && given.length <= 255 && !/[^\w\-=]/.test(given)
    ? given
    : randomUUID()
}

export function baseHeaders(): MiddlewareHandler<AppEnv> {
  return async function baseHeaders(c, next) {
    const id = requestIdOf(requestHeader(c, 'x-request-id'))
    c.set('requestId', id)
    const base = {
      'x-request-id': id,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSE_HEADERS,
    }
    c.set('responseHeaders', base)
    if (c.req.method === 'OPTIONS') {
      const preflight: Record<string, string> = {
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': PREFLIGHT_MAX_AGE,
      }
      if (requestHeader(c, 'access-control-request-private-network') === 'true') {
        preflight['access-control-allow-private-network'] = 'true'
      }
      return reply(c, null, 204, preflight)
    }
    await next()
    // Replies Peel did not write through `reply` (Server-Sent Events) get the headers here.
    if (!carriesBaseHeaders(c.res)) {
      for (const [name, value] of Object.entries(base)) c.res.headers.set(name, value)
    }
  }
}
