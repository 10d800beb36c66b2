/**
 * @module
 * Per-token limits: requests per minute (a fixed one-minute window) and images per UTC day. An
 * image is reserved when a generation is admitted and settled when it ends, so parallel requests
 * cannot all slip under the limit before any of them is counted.
 */
import { AppError } from '../errors'
import type { TokenSpec } from '../parse-tokens'
import type { StateStore } from './state-store'

const MINUTE = 60_000
const DAY = 86_400_000

export interface TokenLimits {
  /** Counts one request against `rpm`; throws 429 `rate_limited` past it. */
  admitRequest(token: TokenSpec | undefined): Promise<void>
  /** Reserves one image against `ipd`; the returned function settles the real count. */
  reserveImage(token: TokenSpec | undefined): Promise<(imagesMade: number) => Promise<void>>
}

const noop = () => Promise.resolve()

export function createTokenLimits(store: StateStore, now: () => number = Date.now): TokenLimits {
  return {
    async admitRequest(token) {
      if (token?.rpm === undefined) return
      const at = now()
      const window = Math.floor(at / MINUTE)
      const count = await store.increment(`rpm:${token.name}:${window}`, 1, MINUTE)
      if (count > token.rpm) {
        throw new AppError(
          'rate_limited',
          `This token allows ${token.rpm} generations a minute. Wait a moment and try again.`,
          { retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * MINUTE - at) / 1000)) }
        )
      }
    },
    async reserveImage(token) {
      const limit = token?.imagesPerDay
      if (token === undefined || limit === undefined) return noop
      const at = now()
      const day = Math.floor(at / DAY)
      const key = `ipd:${token.name}:${day}`
      const count = await store.increment(key, 1, DAY + MINUTE)
      if (count > limit) {
        await store.increment(key, -1, DAY + MINUTE)
        throw new AppError(
          'rate_limited',
          `This token's ${limit} images for today are used up. Try again after midnight UTC.`,
          { retryAfterSeconds: Math.max(1, Math.ceil(((day + 1) * DAY - at) / 1000)) }
        )
      }
      let settled = false
      return async (imagesMade) => {
        if (settled) return
        settled = true
        if (imagesMade !== 1) await store.increment(key, imagesMade - 1, DAY + MINUTE)
      }
    },
  }
}
