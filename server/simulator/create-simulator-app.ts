/**
 * @module
 * The simulator as a Hono app: Gemini's REST routes, API-key checks and request recording.
 */
import { Hono } from 'hono'
import { BoundedSet } from './bounded-set'
import { generateReply } from './generate-reply'
import type { SimulatorCall } from './generate-reply'
import { GOOGLE_MESSAGES, googleError } from './google-error'
import { RenderCache } from './render-cache'
import type { RecordedRequest, SimulatorOptions } from './simulator-options'

// Enough for any realistic burst of retries; older bodies are forgotten and would fail again.
const FAIL_ONCE_MEMORY = 1000
const API_VERSIONS = ['v1', 'v1beta', 'v1alpha']
const METHODS = ['generateContent', 'streamGenerateContent'] as const

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

function invalidKey(): Response {
  return googleError('INVALID_ARGUMENT', GOOGLE_MESSAGES.badKey, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
  ])
}

/** Builds the simulator app; `requests` fills as calls arrive (the last `maxRecorded`). */
export function createSimulatorApp({
  latencyMs = 0,
  apiKeys,
  hangMs = 600_000,
  maxRecorded = 50,
  renderCacheBytes = 0,
}: SimulatorOptions = {}): { app: Hono; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const renderCache = renderCacheBytes > 0 ? new RenderCache(renderCacheBytes) : undefined
  const failedOnce = new BoundedSet<string>(FAIL_ONCE_MEMORY)
  const app = new Hono()

  // The method rides in the last path segment after a colon (`models/x:generateContent`), which
  // Hono's `:param` syntax cannot express as a literal, so the segment is split by hand.
  app.post('/:version/models/:call', async function simulateGemini(c) {
    const apiVersion = c.req.param('version')
    const segment = c.req.param('call')
    const colon = segment.lastIndexOf(':')
    const model = segment.slice(0, colon)
    const method = METHODS.find((m) => m === segment.slice(colon + 1))
    if (colon <= 0 || method === undefined || !API_VERSIONS.includes(apiVersion)) {
      return googleError('NOT_FOUND', `Method not found: ${c.req.path}`)
    }
    const apiKey = c.req.header('x-goog-api-key') ?? c.req.query('key') ?? ''
    const rawBody = await c.req.text()
    const json = parseJson(rawBody)
    requests.push({ model, method, apiVersion, apiKey, body: json.ok ? json.value : rawBody })
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded)

    if (apiKey === '') return googleError('PERMISSION_DENIED', GOOGLE_MESSAGES.unregistered)
    if (apiKeys !== undefined && !apiKeys.includes(apiKey)) return invalidKey()
    if (!json.ok) {
      return googleError('INVALID_ARGUMENT', 'Invalid JSON payload received. Unexpected token.')
    }
    const call: SimulatorCall = {
      model,
      method,
      apiVersion,
      sse: c.req.query('alt') === 'sse',
      rawBody,
      body: json.value,
    }
    return generateReply(call, {
      latencyMs,
      hangMs,
      failedOnce,
      signal: c.req.raw.signal,
      renderCache,
    })
  })

  app.notFound((c) => googleError('NOT_FOUND', `Method not found: ${c.req.path}`))
  app.onError((error) => {
    console.error('[simulator]', error)
    return googleError('INTERNAL', GOOGLE_MESSAGES.internal)
  })
  return { app, requests }
}
