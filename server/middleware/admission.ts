/**
 * @module
 * Bounds how many generation requests are read and handled at once, and how many bytes of them.
 * A request waiting here has not read its body yet, so its megabytes of references stay in the
 * socket (where TCP applies back-pressure) instead of the heap: peak memory follows these limits,
 * not the number of clients.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { ClientClosedError } from '../errors'
import { Semaphore } from '../generation/semaphore'
import { requestHeader } from '../http/node-request'
import { tooLarge } from '../on-error'

export interface AdmissionOptions {
  /** Requests handled at once; the rest wait in arrival order. */
  limit: number
  /**
   * Request body bytes held at once. A body's Content-Length is its weight; a chunked body of
   * unknown size weighs `maxBodyBytes`, the most it may turn out to be.
   */
  memoryBytes: number
  maxBodyBytes: number
}

export function admission({
  limit,
  memoryBytes,
  maxBodyBytes,
}: AdmissionOptions): MiddlewareHandler<AppEnv> {
  const slots = new Semaphore(limit)
  const bytes = new Semaphore(memoryBytes)
  return async function admission(c, next) {
    const declared = Number(requestHeader(c, 'content-length') ?? Number.NaN)
    // Refused before it queues: a body that can never be read must not hold up the ones behind.
    if (declared > maxBodyBytes) throw tooLarge(maxBodyBytes)
    const weight = Number.isSafeInteger(declared) && declared >= 0 ? declared : maxBodyBytes
    let releaseSlot = (): void => undefined
    let releaseBytes = (): void => undefined
    try {
      releaseSlot = await slots.acquire(c.req.raw.signal)
      releaseBytes = await bytes.acquire(c.req.raw.signal, weight)
    } catch {
      releaseSlot()
      throw new ClientClosedError('The client left while waiting to be admitted.')
    }
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
