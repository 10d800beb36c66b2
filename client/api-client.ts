/**
 * @module
 * Peel's HTTP API from a browser page: the plugin panel, and any other page that talks to the
 * server. Every call can be aborted and has a timeout, replies are validated with the protocol
 * schemas, and expected failures come back as values, never throws.
 */
import type { z } from 'zod'

import {
  type GenerateRequestInput,
  type GenerateResponse,
  GenerateResponseSchema,
  type HealthResponse,
  HealthResponseSchema,
  type ModelsResponse,
  ModelsResponseSchema,
} from '../protocol/api'
import { type ApiResult, CANCELLED, fail, failFromEnvelope } from './client-error'
import { generateStreaming, type StreamCallOptions } from './generate-streaming'

export type { ApiResult, ClientError } from './client-error'

/** Timeouts per call. Generation waits longest: 4K images with thinking take over a minute. */
export const TIMEOUTS = { health: 5_000, models: 10_000, generate: 180_000 } as const

export interface ApiClientOptions {
  baseUrl: string
  token: string
  geminiKey: string
  fetch?: typeof fetch
}

export interface CallOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

/** Creates a client for one server and credentials. The token and key are never logged. */
export function createApiClient({
  baseUrl,
  token,
  geminiKey,
  fetch: doFetch = fetch,
}: ApiClientOptions) {
  const root = baseUrl.replace(/\/+$/, '')
  const headersFor = (accept: string, json: boolean): Record<string, string> => {
    const headers: Record<string, string> = { Accept: accept }
    if (token !== '') headers.Authorization = `Bearer ${token}`
    if (geminiKey !== '') headers['X-Gemini-Api-Key'] = geminiKey
    if (json) headers['Content-Type'] = 'application/json'
    return headers
  }

  async function call<T>(
    path: string,
    schema: z.ZodType<T>,
    init: RequestInit,
    { signal, timeoutMs }: CallOptions & { timeoutMs: number }
  ): Promise<ApiResult<T>> {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signals = signal === undefined ? [timeout] : [signal, timeout]
    const headers = headersFor('application/json', init.body !== undefined)
    let response: Response
    try {
      response = await doFetch(`${root}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.any(signals),
      })
    } catch {
      if (signal?.aborted === true) return { ok: false, error: CANCELLED }
      if (timeout.aborted) {
        return fail('timeout', `The server did not answer within ${String(timeoutMs / 1000)} s.`)
      }
      return fail('network', `Peel cannot reach the server at ${root}.`)
    }
    const requestId = response.headers.get('x-request-id') ?? undefined
    let body: unknown
    try {
      body = await response.json()
    } catch {
      if (signal?.aborted === true) return { ok: false, error: CANCELLED }
      return fail('bad_reply', `The server at ${root} sent a reply that is not JSON.`, requestId)
    }
    if (!response.ok) return failFromEnvelope(body, response.status, root)
    const parsed = schema.safeParse(body)
    if (!parsed.success)
      return fail('bad_reply', `The server at ${root} sent a reply Peel cannot read.`, requestId)
    return { ok: true, data: parsed.data, requestId }
  }

  return {
    health(options: CallOptions = {}): Promise<ApiResult<HealthResponse>> {
      return call(
        '/health',
        HealthResponseSchema,
        { method: 'GET' },
        { timeoutMs: TIMEOUTS.health, ...options }
      )
    },
    models(options: CallOptions = {}): Promise<ApiResult<ModelsResponse>> {
      return call(
        '/v1/models',
        ModelsResponseSchema,
        { method: 'GET' },
        { timeoutMs: TIMEOUTS.models, ...options }
      )
    },
    generate(
      request: GenerateRequestInput,
      options: CallOptions = {}
    ): Promise<ApiResult<GenerateResponse>> {
      return call(
        '/v1/generations',
        GenerateResponseSchema,
        { method: 'POST', body: JSON.stringify(request) },
        { timeoutMs: TIMEOUTS.generate, ...options }
      )
    },
    /**
     * The same generation as Server-Sent Events, with live progress, an Idempotency-Key, bounded
     * reconnects with that key, and a server-side cancel when the caller aborts.
     */
    generateStream(
      request: GenerateRequestInput,
      options: StreamCallOptions
    ): Promise<ApiResult<GenerateResponse>> {
      // Wrapped: the window's fetch throws "Illegal invocation" when called as a method.
      const unbound: typeof fetch = (input, init) => doFetch(input, init)
      return generateStreaming({ root, headersFor, fetch: unbound }, request, {
        timeoutMs: TIMEOUTS.generate,
        ...options,
      })
    },
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
