/**
 * @module
 * Peel's HTTP API from the UI iframe. Every call can be aborted and has a timeout, replies are
 * validated with the protocol schemas, and expected failures come back as values, never throws.
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
import { ErrorEnvelopeSchema } from '../protocol/errors'
import { type ClientErrorCode, nextStep } from './next-step'

/** A failure to show: the message, what to do next, and the request id when the server gave one. */
export interface ClientError {
  code: ClientErrorCode
  message: string
  nextStep: string
  requestId?: string
}

export type ApiResult<T> =
  { ok: true; data: T; requestId?: string } | { ok: false; error: ClientError }

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

function fail(code: ClientErrorCode, message: string, requestId?: string): ApiResult<never> {
  return { ok: false, error: { code, message, nextStep: nextStep(code), requestId } }
}

/** Creates a client for one server and credentials. The token and key are never logged. */
export function createApiClient({
  baseUrl,
  token,
  geminiKey,
  fetch: doFetch = fetch,
}: ApiClientOptions) {
  const root = baseUrl.replace(/\/+$/, '')

  async function call<T>(
    path: string,
    schema: z.ZodType<T>,
    init: RequestInit,
    { signal, timeoutMs }: CallOptions & { timeoutMs: number }
  ): Promise<ApiResult<T>> {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signals = signal === undefined ? [timeout] : [signal, timeout]
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (token !== '') headers.Authorization = `Bearer ${token}`
    if (geminiKey !== '') headers['X-Gemini-Api-Key'] = geminiKey
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    let response: Response
    try {
      response = await doFetch(`${root}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.any(signals),
      })
    } catch {
      if (signal?.aborted === true) return fail('aborted', 'Cancelled.')
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
      if (signal?.aborted === true) return fail('aborted', 'Cancelled.')
      return fail('bad_reply', `The server at ${root} sent a reply that is not JSON.`, requestId)
    }
    if (!response.ok) {
      const envelope = ErrorEnvelopeSchema.safeParse(body)
      if (!envelope.success) {
        return fail(
          'bad_reply',
          `The server answered ${String(response.status)} without a Peel error.`,
          requestId
        )
      }
      const { code, message, requestId: id, issues } = envelope.data.error
      const detail = issues?.map((issue) => issue.message).join(' ') ?? ''
      return fail(code, detail === '' ? message : `${message} ${detail}`, id)
    }
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
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
