/**
 * @module
 * Bearer-token auth for /v1/*, compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'
import type { TokenSpec } from '../parse-tokens'

export interface TokenAuthOptions {
  /** Accepted tokens; an empty list lets every request through (loopback-only servers). */
  tokens: readonly TokenSpec[]
}

// Hashing first gives equal-length inputs, so timingSafeEqual leaks neither content nor length.
const digest = (value: string) => createHash('sha256').update(value).digest()

export function tokenAuth({ tokens }: TokenAuthOptions): MiddlewareHandler<AppEnv> {
  const known = tokens.map((spec) => ({ spec, digest: digest(spec.token) }))
  return async function tokenAuth(c, next) {
    if (known.length === 0) return next()
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (match?.[1] === undefined) {
      throw new AppError(
        'unauthorized',
        'This Peel server needs an access token. Add it in Peel settings (Authorization: Bearer <token>).'
      )
    }
    const candidate = digest(match[1])
    // Every token is compared, so the time taken does not tell which one (if any) was close.
    let found: TokenSpec | undefined
    for (const { spec, digest: expected } of known) {
      if (timingSafeEqual(candidate, expected)) found = spec
    }
    if (found === undefined) {
      throw new AppError(
        'unauthorized',
        'The access token was not accepted. Check it in Peel settings.'
      )
    }
    c.set('token', found)
    return next()
  }
}
