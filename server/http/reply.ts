/**
 * @module
 * Every reply Peel writes itself, with its headers as one plain object. @hono/node-server writes
 * such a reply's head in one step; a reply whose headers went through `c.header()` carries a
 * `Headers` object instead, which costs tens of microseconds per request to build and to turn back
 * into the object Node wants.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../app-env'

const carrying = new WeakSet<Response>()

/** A reply with the request's base headers (request id, CORS) plus `headers`. */
export function reply(
  c: Context<AppEnv>,
  body: ConstructorParameters<typeof Response>[0],
  status: number,
  headers: Record<string, string> = {}
): Response {
  const response = new Response(body, {
    status,
    headers: { ...c.get('responseHeaders'), ...headers },
  })
  carrying.add(response)
  return response
}

/** `value` as a JSON reply. */
export function jsonReply(
  c: Context<AppEnv>,
  value: unknown,
  status = 200,
  headers: Record<string, string> = {}
): Response {
  return reply(c, JSON.stringify(value), status, { 'content-type': 'application/json', ...headers })
}

/** Whether `response` was made by `reply` and so already has the base headers. */
export function carriesBaseHeaders(response: Response): boolean {
  return carrying.has(response)
}
