/**
 * @module
 * Kept only for `routes/generations.ts` until it moves to `c.body()`/`c.json()` itself; the
 * request id and CORS headers now come from Hono's context, as for every other reply.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../app-env'

/** `c.body()` with `headers`. */
export function reply(
  c: Context<AppEnv>,
  body: string | Uint8Array<ArrayBuffer> | ReadableStream,
  status: ContentfulStatusCode,
  headers: Record<string, string> = {}
): Response {
  return c.body(body, status, headers)
}

/** `c.json()` with `headers`. */
export function jsonReply(
  c: Context<AppEnv>,
  value: unknown,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {}
): Response {
  return c.json(value, status, headers)
}
