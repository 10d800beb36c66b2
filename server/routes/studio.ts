/**
 * @module
 * Peel Studio at /studio: its page, never cached so a new build is seen at once, and its hashed
 * assets, cached for good. The page runs no inline script and talks only to this server, which
 * its Content-Security-Policy enforces in the browser.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'

export const STUDIO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Serves the studio built into `dir` (index.html and assets/, see scripts/build-studio.mjs). */
export function studioRoute(dir: string) {
  let page: string | undefined
  try {
    page = readFileSync(join(dir, 'index.html'), 'utf8')
  } catch {
    page = undefined
  }
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    await next()
    c.header('Content-Security-Policy', STUDIO_CSP)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
  })
  if (page === undefined) {
    // Not built (a fresh clone running the tests): every studio path says what to do.
    app.get('*', () => {
      throw new AppError(
        'not_found',
        'Peel Studio has not been built. Run npm run build (npm start builds it), then reload.'
      )
    })
    return app
  }
  const html = page
  const index = (c: Context<AppEnv>) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(html)
  }
  app.get('/', index)
  app.get('/index.html', index)
  app.get(
    '/assets/*',
    serveStatic({
      root: dir,
      rewriteRequestPath: (path) => path.replace(/^\/studio/, ''),
      onFound: (_path, c) => {
        // Names carry their content's hash: a changed file is a new name.
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    })
  )
  return app
}
