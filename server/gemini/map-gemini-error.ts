/**
 * @module
 * Maps what the Gemini SDK throws to an `AppError` a designer can act on. Google's bodies are
 * parsed for the facts Peel needs (status, retry delay, quota kind) and never passed on.
 */
import { ApiError } from '@google/genai'
import { z } from 'zod'
import { AppError } from '../errors'

const GoogleErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
})

interface UpstreamFacts {
  httpStatus: number
  googleStatus?: string
  retryDelaySeconds?: number
  perDayQuota: boolean
  invalidKey: boolean
}

// The SDK puts Google's JSON body in `message`; mid-stream errors prefix it with "got status: X. ".
function parseApiError(error: ApiError): UpstreamFacts {
  const json = error.message.slice(Math.max(0, error.message.indexOf('{')))
  let body: z.infer<typeof GoogleErrorSchema> | undefined
  try {
    body = GoogleErrorSchema.parse(JSON.parse(json))
  } catch {
    body = undefined
  }
  const details = body?.error.details ?? []
  const retry = details.find((d) => String(d['@type']).endsWith('google.rpc.RetryInfo'))
  const delayText = typeof retry?.retryDelay === 'string' ? retry.retryDelay : ''
  const delay = /^(\d+(?:\.\d+)?)s$/.exec(delayText)
  const text = JSON.stringify(details) + (body?.error.message ?? '')
  return {
    httpStatus: body?.error.code ?? error.status,
    googleStatus: body?.error.status,
    retryDelaySeconds: delay?.[1] === undefined ? undefined : Math.ceil(Number(delay[1])),
    perDayQuota: /PerDay/i.test(text),
    invalidKey: /API_KEY_INVALID|API key not valid/i.test(text),
  }
}

function keyRejected(ownKey: boolean, facts: UpstreamFacts): AppError {
  const logFields = { upstreamStatus: facts.httpStatus, upstreamReason: facts.googleStatus }
  return ownKey
    ? new AppError(
        'unauthorized',
        'Google did not accept your own Gemini API key. Check it in Peel settings, or clear it to use the server key.',
        { logFields }
      )
    : new AppError(
        'upstream_error',
        "Google did not accept this Peel server's Gemini API key. Ask whoever runs the server to check GEMINI_API_KEY.",
        { logFields }
      )
}

function fromApiError(error: ApiError, context: { ownKey: boolean; model: string }): AppError {
  const facts = parseApiError(error)
  const logFields = { upstreamStatus: facts.httpStatus, upstreamReason: facts.googleStatus }
  const status = facts.httpStatus
  const upstreamRetryDelaySeconds = facts.retryDelaySeconds
  if (facts.invalidKey || status === 401 || status === 403)
    return keyRejected(context.ownKey, facts)
  if (status === 429) {
    return facts.perDayQuota
      ? new AppError(
          'rate_limited',
          'The daily Gemini quota for this key is used up. Try again tomorrow, or use another key.',
          {
            retryAfterSeconds: facts.retryDelaySeconds ?? 3600,
            logFields,
          }
        )
      : new AppError(
          'rate_limited',
          'Gemini is rate-limiting this key. Wait a moment and try again.',
          {
            retryAfterSeconds: facts.retryDelaySeconds ?? 30,
            upstreamRetryDelaySeconds,
            logFields,
            retryable: true,
          }
        )
  }
  if (status === 400) {
    return new AppError(
      'invalid_request',
      'Gemini could not accept this request. Try fewer or smaller references, or a different prompt.',
      { logFields }
    )
  }
  if (status === 404) {
    return new AppError(
      'upstream_error',
      `Gemini does not offer ${context.model} to this server. Choose another model.`,
      { logFields }
    )
  }
  if (status === 503 || status === 502) {
    return new AppError(
      'upstream_unavailable',
      'Gemini is overloaded right now. Try again in a minute.',
      {
        retryAfterSeconds: facts.retryDelaySeconds ?? 30,
        upstreamRetryDelaySeconds,
        logFields,
        retryable: true,
      }
    )
  }
  if (status === 504) {
    return new AppError(
      'upstream_timeout',
      'Gemini took too long to answer. Try again, or pick a smaller image size.',
      { logFields, retryable: true }
    )
  }
  return new AppError(
    'upstream_error',
    'Gemini had an internal problem with this request. Try again in a moment.',
    { logFields, retryable: status >= 500 }
  )
}

/** Converts anything the SDK throws into an `AppError`. */
export function mapGeminiError(
  error: unknown,
  context: { ownKey: boolean; model: string }
): AppError {
  if (error instanceof AppError) return error
  if (error instanceof ApiError) return fromApiError(error, context)
  // The SDK throws a SyntaxError for a bad JSON body and a plain Error for a cut-off SSE event.
  if (
    error instanceof SyntaxError ||
    (error instanceof Error && error.message.includes('JSON segment'))
  ) {
    return new AppError('upstream_error', 'Gemini sent a reply Peel could not read. Try again.', {
      logFields: { cause: 'unparseable reply' },
    })
  }
  // Network failures (fetch failed, connection reset) are worth another try.
  return new AppError(
    'upstream_unavailable',
    'Peel could not reach Gemini. Check the server network connection and try again.',
    {
      logFields: { cause: error instanceof Error ? error.name : typeof error },
      retryable: true,
    }
  )
}
