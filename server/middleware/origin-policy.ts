/**
 * @module
 * CORS through `hono/cors`, plus Chrome's Private Network Access: a page on a public origin that
 * calls a loopback server sends `Access-Control-Request-Private-Network: true` and needs the
 * matching header back. With tokens every origin may call, since a bearer token (never a cookie)
 * carries the authority. Without tokens only the Figma plugin iframe (`Origin: null`), the
 * server's own pages and `PEEL_CORS_ORIGINS` may; any other page is refused outright, because a
 * simple request (a GET, a `text/plain` POST) reaches the server without a preflight.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'

export interface OriginPolicyOptions {
  /** Whether requests need a bearer token; if so, every origin may call. */
  tokensRequired: boolean
  /** Origins trusted besides `null` and the server's own, as `scheme://host[:port]`. */
  origins?: readonly string[]
}

const ALLOW_METHODS = ['GET', 'POST', 'DELETE', 'OPTIONS']
const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'X-Gemini-Api-Key',
  'Idempotency-Key',
  'X-Request-Id',
]
const EXPOSE_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'X-Peel-Attempts',
  'X-Generation-Id',
  'Idempotent-Replayed',
]
/** Seconds a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE = 600

// The Host header has passed `hostCheck` by now, so a page served under it is this server's own.
function isOwnOrigin(origin: string, c: Context): boolean {
  const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase()
  return origin === `http://${host}` || origin === `https://${host}`
}

export function originPolicy({
  tokensRequired,
  origins = [],
}: OriginPolicyOptions): MiddlewareHandler<AppEnv> {
  const trusted = new Set(['null', ...origins])
  const isTrusted = (origin: string, c: Context) => trusted.has(origin) || isOwnOrigin(origin, c)
  const headers = cors({
    origin: tokensRequired ? '*' : (origin, c) => (isTrusted(origin, c) ? origin : null),
    allowMethods: ALLOW_METHODS,
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
  })
  return async function originPolicy(c, next) {
    const origin = c.req.header('origin')
    const allowed = tokensRequired || origin === undefined || isTrusted(origin, c)
    if (c.req.method !== 'OPTIONS' && !allowed) {
      throw new AppError(
        'forbidden',
        'This Peel server has no PEEL_TOKENS, so it answers only the Figma plugin, its own ' +
          "pages and PEEL_CORS_ORIGINS. Add this page's origin to PEEL_CORS_ORIGINS, or set " +
          'PEEL_TOKENS.'
      )
    }
    if (
      allowed &&
      c.req.method === 'OPTIONS' &&
      c.req.header('access-control-request-private-network') === 'true'
    ) {
      c.header('Access-Control-Allow-Private-Network', 'true')
    }
    return headers(c, next)
  }
}
