/**
 * @module
 * Bounds how many generation requests are read and handled at once. A request waiting here has
 * not read its body yet, so its megabytes of references stay in the socket (where TCP applies
 * back-pressure) instead of the heap: peak memory follows this limit, not the number of clients.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { ClientClosedError } from '../errors'
import { Semaphore } from '../generation/semaphore'

export interface AdmissionOptions {
  /** Requests handled at once; the rest wait in arrival order. */
  limit: number
}

export function admission({ limit }: AdmissionOptions): MiddlewareHandler<AppEnv> {
  const slots = new Semaphore(limit)
  return async function admission(c, next) {
    let release: () => void
    try {
      release = await slots.acquire(c.req.raw.signal)
    } catch {
      throw new ClientClosedError('The client left while waiting to be admitted.')
    }
    try {
      await next()
    } finally {
      release()
    }
  }
}
