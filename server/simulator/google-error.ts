/**
 * @module
 * Error replies shaped exactly like Google's: `{ error: { code, message, status, details? } }`.
 */

export type GoogleStatus =
  | 'INVALID_ARGUMENT'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'

export interface GoogleErrorBody {
  error: { code: number; message: string; status: GoogleStatus; details?: unknown[] }
}

const HTTP_CODE: Record<GoogleStatus, number> = {
  INVALID_ARGUMENT: 400,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
}

/** Google's own wording for the faults the simulator can stage. */
export const GOOGLE_MESSAGES = {
  overloaded: 'The model is overloaded. Please try again later.',
  internal:
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  deadline: 'Deadline expired before operation could complete.',
  quota:
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  unregistered:
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  badKey: 'API key not valid. Please pass a valid API key.',
} as const

/** The JSON body of a Google error. */
export function googleErrorBody(
  status: GoogleStatus,
  message: string,
  details?: unknown[]
): GoogleErrorBody {
  const error: GoogleErrorBody['error'] = { code: HTTP_CODE[status], message, status }
  if (details !== undefined) error.details = details
  return { error }
}

/** A complete error `Response`, as Google sends before any streaming starts. */
export function googleError(status: GoogleStatus, message: string, details?: unknown[]): Response {
  return new Response(JSON.stringify(googleErrorBody(status, message, details), null, 2), {
    status: HTTP_CODE[status],
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  })
}

/** The error a staged `429`, `500` or `503` fault answers with. */
export function faultError(status: 429 | 500 | 503, model: string): Response {
  if (status === 500) return googleError('INTERNAL', GOOGLE_MESSAGES.internal)
  if (status === 503) return googleError('UNAVAILABLE', GOOGLE_MESSAGES.overloaded)
  return googleError('RESOURCE_EXHAUSTED', GOOGLE_MESSAGES.quota, [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_requests_per_model',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
          quotaDimensions: { location: 'global', model },
          quotaValue: '10',
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        {
          description: 'Learn more about Gemini API quotas',
          url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
        },
      ],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' },
  ])
}
