/**
 * @module
 * `createApp(deps)`: Peel's HTTP API as a Hono app, with no side effects, so tests drive it
 * through `app.request()` and `server/index.ts` serves it.
 */
import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import type { HealthResponse } from '../protocol/api'
import type { AppEnv } from './app-env'
import { DEFAULT_MAX_INFLIGHT_MB } from './defaults'
import { AppError } from './errors'
import type { Catalogue } from './gemini/create-catalogue'
import type { Generations } from './generation/generations'
import { silentLogger } from './logger'
import type { Logger } from './logger'
import type { TokenSpec } from './parse-tokens'
import { admission } from './middleware/admission'
import { hostCheck } from './middleware/host-check'
import { originPolicy } from './middleware/origin-policy'
import { requestLog } from './middleware/request-log'
import { tokenAuth } from './middleware/token-auth'
import { createOnError } from './on-error'
import { DEFAULT_PRICES } from './gemini/prices'
import type { PriceTable } from './gemini/prices'
import { createPeelMetrics } from './metrics/peel-metrics'
import { generationsRoute } from './routes/generations'
import { healthRoute } from './routes/health'
import { metricsRoute } from './routes/metrics'
import { modelsRoute } from './routes/models'
import { studioRoute } from './routes/studio'
import { usageRoute } from './routes/usage'
import { MemoryStore } from './state/memory-store'
import type { StateStore } from './state/state-store'
import { createTokenLimits } from './state/token-limits'

export interface AppDeps {
  health: HealthResponse
  catalogue: Catalogue
  generations: Generations
  /** How often a streamed generation repeats its progress, to keep idle proxies from cutting it. */
  sseHeartbeatMs?: number
  /** Bearer tokens for /v1/*; empty for a loopback-only server. */
  tokens: readonly TokenSpec[]
  /** Without tokens: origins trusted besides the Figma iframe and the server's own pages. */
  corsOrigins?: readonly string[]
  /** Without tokens: host names trusted besides loopback ones. */
  allowedHosts?: readonly string[]
  maxBodyBytes: number
  /** Deadlines for reading a request body: without a byte, and in all. */
  bodyIdleMs?: number
  bodyTimeoutMs?: number
  logger?: Logger
  /** Limits and usage; in-process unless the caller shares one (Redis) between instances. */
  store?: StateStore
  prices?: PriceTable
  /** The clock for rate-limit windows; tests pin it. */
  now?: () => number
  /** Generation requests read and handled at once; the rest wait unread. */
  admissionLimit?: number
  /** Request body bytes held at once, counted as they arrive; the rest wait unread. */
  admissionBytes?: number
  /** Set while shutting down: new generations get 503 while running ones finish. */
  isDraining?: () => boolean
  /** Where Peel Studio was built; no /studio when unset. */
  studioDir?: string
}

export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger
  const now = deps.now ?? Date.now
  const store = deps.store ?? new MemoryStore(now)
  const metrics = createPeelMetrics({
    inFlight: () => deps.generations.inFlight,
    queued: () => deps.generations.queued,
    replayBytes: () => deps.generations.replayBytes,
  })
  const accounting = {
    store,
    limits: createTokenLimits(store, now),
    prices: deps.prices ?? DEFAULT_PRICES,
    metrics,
    logger,
  }
  const app = new Hono<AppEnv>()
  app.use(requestLog({ logger, metrics }))
  app.use(requestId())
  const tokensRequired = deps.tokens.length > 0
  if (!tokensRequired) app.use(hostCheck({ allowedHosts: deps.allowedHosts }))
  app.use(originPolicy({ tokensRequired, origins: deps.corsOrigins }))
  app.route('/health', healthRoute(deps.health))
  app.use('/v1/*', tokenAuth({ tokens: deps.tokens }))
  // Refused before anything is read or queued: the server is on its way out.
  app.on('POST', '/v1/generations', async (_c, next) => {
    if (deps.isDraining?.() === true) {
      throw new AppError(
        'upstream_unavailable',
        'This Peel server is restarting. Try again in a moment.',
        { retryAfterSeconds: 5 }
      )
    }
    await next()
  })
  // Before the body is read: a waiting request has read nothing.
  app.on(
    'POST',
    '/v1/generations',
    admission({
      limit: deps.admissionLimit ?? 128,
      memoryBytes: deps.admissionBytes ?? DEFAULT_MAX_INFLIGHT_MB * 1024 * 1024,
      maxBodyBytes: deps.maxBodyBytes,
    })
  )
  app.use('/metrics', tokenAuth({ tokens: deps.tokens }))
  app.route('/metrics', metricsRoute(metrics, deps.tokens.length > 0))
  app.route('/v1/models', modelsRoute(deps.catalogue))
  app.route('/v1/generations', generationsRoute({ ...deps, accounting }))
  app.route('/v1/usage', usageRoute(store))
  if (deps.studioDir !== undefined) app.route('/studio', studioRoute(deps.studioDir))
  app.notFound((c) => {
    throw new AppError(
      'not_found',
      `There is no ${c.req.method} ${c.req.path} on this server. See the README for the API.`
    )
  })
  app.onError(createOnError(logger))
  return app
}
