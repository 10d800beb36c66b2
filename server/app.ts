/**
 * @module
 * `createApp(deps)`: Peel's HTTP API as a Hono app, with no side effects, so tests drive it
 * through `app.request()` and `server/index.ts` serves it.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import type { HealthResponse } from '../protocol/api'
import type { AppEnv } from './app-env'
import { AppError } from './errors'
import type { Catalogue } from './gemini/create-catalogue'
import type { Generations } from './generation/generations'
import { silentLogger } from './logger'
import type { Logger } from './logger'
import type { TokenSpec } from './parse-tokens'
import { admission } from './middleware/admission'
import { privateNetworkAccess } from './middleware/private-network-access'
import { requestLog } from './middleware/request-log'
import { tokenAuth } from './middleware/token-auth'
import { createOnError, tooLarge } from './on-error'
import { DEFAULT_PRICES } from './gemini/prices'
import type { PriceTable } from './gemini/prices'
import { createPeelMetrics } from './metrics/peel-metrics'
import { generationsRoute } from './routes/generations'
import { healthRoute } from './routes/health'
import { metricsRoute } from './routes/metrics'
import { modelsRoute } from './routes/models'
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
  maxBodyBytes: number
  logger?: Logger
  /** Limits and usage; in-process unless the caller shares one (Redis) between instances. */
  store?: StateStore
  prices?: PriceTable
  /** The clock for rate-limit windows; tests pin it. */
  now?: () => number
  /** Generation requests read and handled at once; the rest wait unread. */
  admissionLimit?: number
  /** Set while shutting down: new generations get 503 while running ones finish. */
  isDraining?: () => boolean
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
  app.use(requestId())
  app.use(requestLog({ logger, metrics }))
  app.use(privateNetworkAccess())
  // Figma's plugin iframe has the opaque origin `null`, so no allow-list of origins can match it;
  // tokens, not origins, protect the API.
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'X-Gemini-Api-Key',
        'Idempotency-Key',
        'X-Request-Id',
      ],
      exposeHeaders: [
        'X-Request-Id',
        'Retry-After',
        'X-Peel-Attempts',
        'X-Generation-Id',
        'Idempotent-Replayed',
      ],
      maxAge: 600,
    })
  )
  app.route('/health', healthRoute(deps.health))
  app.use('/v1/*', tokenAuth({ tokens: deps.tokens }))
  // Before the body limit, which buffers chunked bodies: a waiting request has read nothing.
  app.on('POST', '/v1/generations', admission({ limit: deps.admissionLimit ?? 128 }))
  app.use('/metrics', tokenAuth({ tokens: deps.tokens }))
  app.route('/metrics', metricsRoute(metrics, deps.tokens.length > 0))
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw tooLarge(deps.maxBodyBytes)
      },
    })
  )
  app.route('/v1/models', modelsRoute(deps.catalogue))
  app.route('/v1/generations', generationsRoute({ ...deps, accounting }))
  app.route('/v1/usage', usageRoute(store))
  app.notFound((c) => {
    throw new AppError(
      'not_found',
      `There is no ${c.req.method} ${c.req.path} on this server. See the README for the API.`
    )
  })
  app.onError(createOnError(logger))
  return app
}
