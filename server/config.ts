/**
 * @module
 * Server configuration, read once from the environment by `loadConfig(env)`.
 */
import { z } from 'zod'
import { parseAllowedHosts } from './parse-allowed-hosts'
import { parseCorsOrigins } from './parse-cors-origins'
import {
  DEFAULT_BODY_IDLE_MS,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_IDEMPOTENCY_MAX_MB,
  DEFAULT_IDEMPOTENCY_TTL_S,
  DEFAULT_MAX_BODY_MB,
  DEFAULT_MAX_CONCURRENT,
  DEFAULT_MAX_INFLIGHT_MB,
  DEFAULT_RETRY_ATTEMPTS,
  DEFAULT_SHUTDOWN_GRACE_MS,
  DEFAULT_SSE_HEARTBEAT_MS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
} from './defaults'
import { parseTokens } from './parse-tokens'
import type { TokenSpec } from './parse-tokens'
import type { PriceTable } from './gemini/prices'

const PricesSchema = z.record(
  z.string(),
  z.record(z.enum(['512', '1K', '2K', '4K', 'fixed']), z.number().nonnegative())
)

function parsePrices(text: string | undefined, problems: string[]): PriceTable {
  if (text === undefined) return {}
  try {
    return PricesSchema.parse(JSON.parse(text))
  } catch {
    problems.push(
      'PEEL_PRICES: must be JSON like {"gemini-3.1-flash-image":{"1K":0.067}} (dollars per image)'
    )
    return {}
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

/** True when a bind address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.')
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback)

const EnvSchema = z.object({
  PORT: port(8787),
  PEEL_HOST: z.string().trim().min(1).default('127.0.0.1'),
  PEEL_TOKENS: optionalText,
  PEEL_CORS_ORIGINS: optionalText,
  PEEL_ALLOWED_HOSTS: optionalText,
  GEMINI_API_KEY: optionalText,
  GEMINI_BASE_URL: optionalText.pipe(z.url({ error: 'must be a URL' }).optional()),
  GOOGLE_GENAI_USE_VERTEXAI: optionalText.pipe(
    z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional()
  ),
  GOOGLE_CLOUD_PROJECT: optionalText,
  GOOGLE_CLOUD_LOCATION: optionalText,
  PEEL_STUDIO: optionalText.pipe(
    z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional()
  ),
  PEEL_DEFAULT_MODEL: optionalText,
  PEEL_MODELS: optionalText,
  PEEL_MAX_BODY_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .positive('must be more than 0')
    .max(1024, 'must be at most 1024')
    .default(DEFAULT_MAX_BODY_MB),
  PEEL_MAX_INFLIGHT_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .positive('must be more than 0')
    .max(65_536, 'must be at most 65536')
    .default(DEFAULT_MAX_INFLIGHT_MB),
  PEEL_BODY_IDLE_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(100, 'must be at least 100')
    .max(600_000, 'must be at most 600000')
    .default(DEFAULT_BODY_IDLE_MS),
  PEEL_BODY_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(1000, 'must be at least 1000')
    .max(600_000, 'must be at most 600000')
    .default(DEFAULT_BODY_TIMEOUT_MS),
  PEEL_UPSTREAM_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(1000, 'must be at least 1000')
    // Gemini's slowest images take about a minute; past five, proxies on the way cut the line.
    .max(300_000, 'must be at most 300000 (5 minutes)')
    .default(DEFAULT_UPSTREAM_TIMEOUT_MS),
  PEEL_RETRY_ATTEMPTS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1, 'must be at least 1')
    .max(10, 'must be at most 10')
    .default(DEFAULT_RETRY_ATTEMPTS),
  PEEL_IDEMPOTENCY_TTL_S: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int()
    .min(0)
    .default(DEFAULT_IDEMPOTENCY_TTL_S),
  PEEL_IDEMPOTENCY_MAX_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .min(0)
    .default(DEFAULT_IDEMPOTENCY_MAX_MB),
  PEEL_SSE_HEARTBEAT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(50, 'must be at least 50')
    .default(DEFAULT_SSE_HEARTBEAT_MS),
  PEEL_MAX_CONCURRENT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1, 'must be at least 1')
    .default(DEFAULT_MAX_CONCURRENT),
  PEEL_SHUTDOWN_GRACE_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(0)
    .default(DEFAULT_SHUTDOWN_GRACE_MS),
  PEEL_PRICES: optionalText,
  REDIS_URL: optionalText.pipe(
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional()
  ),
  PEEL_SIM_PORT: port(8788),
  PEEL_SIM_LATENCY_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(0)
    .default(0),
})

/** Where generations go: the bundled simulator, Google's Gemini API, or Vertex AI. */
export type Upstream =
  | { mode: 'simulator'; baseUrl?: string }
  | { mode: 'gemini'; apiKey: string; baseUrl?: string }
  | { mode: 'vertex'; project: string; location: string; baseUrl?: string }

export interface Config {
  port: number
  host: string
  /** Bearer tokens accepted on /v1/*; empty means loopback-only, no auth. */
  tokens: TokenSpec[]
  /** Without tokens: origins trusted besides `null` (the Figma iframe) and the server's own. */
  corsOrigins: string[]
  /** Without tokens: host names trusted besides loopback ones (DNS rebinding). */
  allowedHosts: string[]
  upstream: Upstream
  defaultModel?: string
  /** Model ids offered, in order; undefined means the built-in catalogue. */
  models?: string[]
  maxBodyBytes: number
  /** Request body bytes held in memory at once; more requests wait unread. */
  maxInflightBytes: number
  /** Deadlines for reading a request body: without a byte, and in all. */
  body: { idleMs: number; timeoutMs: number }
  upstreamTimeoutMs: number
  retryAttempts: number
  idempotency: { ttlMs: number; maxBytes: number }
  sseHeartbeatMs: number
  shutdownGraceMs: number
  /** Generations allowed to call Gemini at once. */
  maxConcurrent: number
  /** Overrides for the price table: dollars per image by model and size. */
  prices: PriceTable
  /** Limits, usage and Idempotency-Keys shared with other instances; in process when unset. */
  redisUrl?: string
  /** Whether to serve Peel Studio at /studio. */
  studio: boolean
  simulator: { port: number; latencyMs: number }
}

/** A configuration problem; `message` names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function parseListOrProblem(
  name: string,
  text: string | undefined,
  parse: (text: string | undefined) => string[],
  problems: string[]
): string[] {
  try {
    return parse(text)
  } catch (error) {
    problems.push(`${name}: ${(error as Error).message}`)
    return []
  }
}

function chooseUpstream(env: z.infer<typeof EnvSchema>, problems: string[]): Upstream {
  const baseUrl = env.GEMINI_BASE_URL
  const vertex = env.GOOGLE_GENAI_USE_VERTEXAI === 'true' || env.GOOGLE_GENAI_USE_VERTEXAI === '1'
  if (vertex) {
    const project = env.GOOGLE_CLOUD_PROJECT
    const location = env.GOOGLE_CLOUD_LOCATION
    if (project === undefined) problems.push('GOOGLE_CLOUD_PROJECT: is required for Vertex AI')
    if (location === undefined) problems.push('GOOGLE_CLOUD_LOCATION: is required for Vertex AI')
    return { mode: 'vertex', project: project ?? '', location: location ?? '', baseUrl }
  }
  if (env.GEMINI_API_KEY !== undefined)
    return { mode: 'gemini', apiKey: env.GEMINI_API_KEY, baseUrl }
  return { mode: 'simulator', baseUrl }
}

/**
 * Parses the environment into a `Config`. Throws a `ConfigError` naming every bad variable, and
 * refuses a non-loopback bind without tokens, since that would open the Gemini key to a network.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Peel cannot start. Fix these settings:\n  ${lines.join('\n  ')}`)
  }
  const values = parsed.data
  const problems: string[] = []
  const upstream = chooseUpstream(values, problems)
  let tokens: TokenSpec[] = []
  try {
    tokens = parseTokens(values.PEEL_TOKENS)
  } catch (error) {
    problems.push(`PEEL_TOKENS: ${(error as Error).message}`)
  }
  const corsOrigins = parseListOrProblem(
    'PEEL_CORS_ORIGINS',
    values.PEEL_CORS_ORIGINS,
    parseCorsOrigins,
    problems
  )
  const allowedHosts = parseListOrProblem(
    'PEEL_ALLOWED_HOSTS',
    values.PEEL_ALLOWED_HOSTS,
    parseAllowedHosts,
    problems
  )
  if (tokens.length === 0 && !isLoopbackHost(values.PEEL_HOST)) {
    problems.push(
      `PEEL_HOST: ${values.PEEL_HOST} is reachable from other machines, so set PEEL_TOKENS ` +
        'to require a bearer token, or bind 127.0.0.1'
    )
  }
  const prices = parsePrices(values.PEEL_PRICES, problems)
  if (problems.length > 0) {
    throw new ConfigError(`Peel cannot start. Fix these settings:\n  ${problems.join('\n  ')}`)
  }
  const models = splitList(values.PEEL_MODELS)
  return {
    port: values.PORT,
    host: values.PEEL_HOST,
    tokens,
    corsOrigins,
    allowedHosts,
    upstream,
    defaultModel: values.PEEL_DEFAULT_MODEL,
    models: models.length > 0 ? models : undefined,
    maxBodyBytes: Math.round(values.PEEL_MAX_BODY_MB * 1024 * 1024),
    maxInflightBytes: Math.round(values.PEEL_MAX_INFLIGHT_MB * 1024 * 1024),
    body: { idleMs: values.PEEL_BODY_IDLE_MS, timeoutMs: values.PEEL_BODY_TIMEOUT_MS },
    upstreamTimeoutMs: values.PEEL_UPSTREAM_TIMEOUT_MS,
    retryAttempts: values.PEEL_RETRY_ATTEMPTS,
    idempotency: {
      ttlMs: values.PEEL_IDEMPOTENCY_TTL_S * 1000,
      maxBytes: Math.round(values.PEEL_IDEMPOTENCY_MAX_MB * 1024 * 1024),
    },
    sseHeartbeatMs: values.PEEL_SSE_HEARTBEAT_MS,
    shutdownGraceMs: values.PEEL_SHUTDOWN_GRACE_MS,
    maxConcurrent: values.PEEL_MAX_CONCURRENT,
    prices,
    redisUrl: values.REDIS_URL,
    studio: values.PEEL_STUDIO !== 'false' && values.PEEL_STUDIO !== '0',
    simulator: { port: values.PEEL_SIM_PORT, latencyMs: values.PEEL_SIM_LATENCY_MS },
  }
}
