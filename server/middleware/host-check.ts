/**
 * @module
 * DNS-rebinding guard for a server without tokens, as Vite's `server.allowedHosts` does: a page
 * on `evil.example` whose name is re-pointed at 127.0.0.1 reaches Peel as a same-origin page, so
 * CORS cannot stop it, but its requests still say `Host: evil.example`.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'

export interface HostCheckOptions {
  /** Host names trusted besides loopback ones, lower-case and without a port. */
  allowedHosts?: readonly string[]
}

/** A Host header's name, lower-case, without its port or a trailing dot. */
export function hostnameOf(host: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  return (name ?? '').toLowerCase().replace(/\.$/, '')
}

// Only names no one else can point a page at; `127.evil.example` is not one of them.
function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  )
}

export function hostCheck({ allowedHosts = [] }: HostCheckOptions = {}): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedHosts)
  return async function hostCheck(c, next) {
    // `app.request()` sends no Host; its URL's host stands in, as @hono/node-server's does.
    const name = hostnameOf(c.req.header('host') ?? new URL(c.req.url).host)
    if (!isLoopbackName(name) && !allowed.has(name)) {
      throw new AppError(
        'forbidden',
        'This Peel server has no PEEL_TOKENS, so it answers only loopback names such as ' +
          'localhost and 127.0.0.1. To reach it by another name, add that name to ' +
          'PEEL_ALLOWED_HOSTS, or set PEEL_TOKENS.'
      )
    }
    await next()
  }
}
