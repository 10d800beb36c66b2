import { ApiError } from '@google/genai'
import { describe, expect, it } from 'vitest'
import { mapGeminiError } from '../../server/gemini/map-gemini-error'

function apiError(status: number, body: unknown): ApiError {
  return new ApiError({ message: JSON.stringify(body), status })
}

const context = { ownKey: false, model: 'gemini-3-pro-image' }

describe('mapGeminiError', () => {
  it('honours RetryInfo and tells per-minute from per-day quota', () => {
    const perMinute = mapGeminiError(
      apiError(429, {
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
              violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }],
            },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41.5s' },
          ],
        },
      }),
      context
    )
    expect(perMinute).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 42 })
    const perDay = mapGeminiError(
      apiError(429, {
        error: {
          code: 429,
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
              violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
            },
          ],
        },
      }),
      context
    )
    expect(perDay.code).toBe('rate_limited')
    expect(perDay.message).toMatch(/daily/)
  })

  it('reads mid-stream errors, which the SDK prefixes with "got status"', () => {
    const error = new ApiError({
      message:
        'got status: UNAVAILABLE. {"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}}',
      status: 200,
    })
    expect(mapGeminiError(error, context).code).toBe('upstream_unavailable')
  })

  it('blames the right key when Google rejects one', () => {
    const invalid = apiError(400, {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
      },
    })
    expect(mapGeminiError(invalid, { ...context, ownKey: true }).code).toBe('unauthorized')
    expect(mapGeminiError(invalid, context).code).toBe('upstream_error')
    expect(
      mapGeminiError(apiError(403, { error: { code: 403, status: 'PERMISSION_DENIED' } }), context)
        .code
    ).toBe('upstream_error')
  })

  it('never copies the upstream message into its own', () => {
    const error = apiError(400, {
      error: { code: 400, message: 'secret internal detail xyz', status: 'INVALID_ARGUMENT' },
    })
    const mapped = mapGeminiError(error, context)
    expect(mapped.code).toBe('invalid_request')
    expect(mapped.message).not.toContain('xyz')
  })

  it('treats network failures and unreadable replies as Peel-side sentences', () => {
    expect(mapGeminiError(new TypeError('fetch failed'), context).code).toBe('upstream_unavailable')
    expect(mapGeminiError(new SyntaxError('Unexpected token'), context).code).toBe('upstream_error')
    expect(mapGeminiError(apiError(404, { error: { code: 404 } }), context).message).toMatch(
      /gemini-3-pro-image/
    )
  })
})
