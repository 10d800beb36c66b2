/**
 * @module
 * Bounds how many generation requests are read and handled at once, and how many bytes of their
 * bodies are held. A request waiting for a slot has read nothing, and a body is charged by the
 * bytes that have arrived (see read-body), so its megabytes stay in the socket (where TCP applies
 * back-pressure) until the budget has room: peak memory follows these limits, not the number of
 * clients, and a slow upload holds only what it has sent.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { ClientClosedError, tooLarge } from '../errors'
import { Semaphore } from '../generation/semaphore'
import { BodyBudget } from './body-budget'

export interface AdmissionOptions {
  /** Requests handled at once; the rest wait in arrival order. */
  limit: number
  /** Request body bytes held at once, counted as they arrive (see body-budget). */
  memoryBytes: number
  maxBodyBytes: number
}

export function admission({
  limit,
  memoryBytes,
  maxBodyBytes,
}: AdmissionOptions): MiddlewareHandler<AppEnv> {
  const slots = new Semaphore(limit)
  const budget = new BodyBudget(memoryBytes)
  return async function admission(c, next) {
    // Refused before it queues: a body that can never be read must not hold up the ones behind.
    const declared = Number(c.req.header('content-length') ?? Number.NaN)
    if (declared > maxBodyBytes) throw tooLarge(maxBodyBytes)
    let releaseSlot: () => void
    try {
      releaseSlot = await slots.acquire(c.req.raw.signal)
    } catch {
      throw new ClientClosedError('The client left while waiting to be admitted.')
    }
    const { release: releaseBytes, ...account } = budget.open()
    c.set('bodyAccount', account)
    // A streamed reply outlives its handler, and its request (references and all) lives as long:
    // its bytes stay counted until the stream ends. Its slot is given back at once, so a stream
    // that only waits for Gemini never keeps another request from being read and answered.
    const handover = { kept: false }
    c.set('keepAdmitted', () => {
      handover.kept = true
      return releaseBytes
    })
    try {
      await next()
    } finally {
      releaseSlot()
      if (!handover.kept) releaseBytes()
    }
  }
}
