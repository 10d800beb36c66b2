/**
 * @module
 * Bearer-token auth for /v1/*, compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors'

export interface TokenAuthOptions {
  /** Accepted tokens; an empty list lets every request through (loopback-only servers). */
  tokens: readonly string[]
}

// Hashing first gives equal-length inputs, so timingSafeEqual leaks neither content nor length.
const digest = (value: string) => createHash('sha256').update(value).digest()

export function tokenAuth({ tokens }: TokenAuthOptions): MiddlewareHandler {
  const digests = tokens.map(digest)
  return async function tokenAuth(c, next) {
    if (digests.length === 0) return next()
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
    let ok = false
    for (const known of digests) ok = timingSafeEqual(candidate, known) || ok
    if (!ok) {
      throw new AppError(
        'unauthorized',
        'The access token was not accepted. Check it in Peel settings.'
      )
    }
    return next()
  }
}
