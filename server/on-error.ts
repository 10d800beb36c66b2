/**
 * @module
 * The one error handler: every failure becomes the envelope, with a message a designer can act
 * on. Stacks, keys and upstream bodies stay out of replies and logs.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './app-env'
import { AppError, ClientClosedError, toEnvelope, tooLarge } from './errors'
import type { Logger } from './logger'

function fromHttpException(error: HTTPException): AppError {
  if (error.status === 413) return tooLarge()
  if (error.status === 400) {
    return new AppError(
      'invalid_request',
      'The request body is not valid JSON. Check the JSON and try again.'
    )
  }
  if (error.status === 401)
    return new AppError('unauthorized', 'Sign in with a valid access token.')
  return new AppError('internal', 'Peel could not handle this request. Try again.')
}

export function createOnError(logger: Logger) {
  return function onError(error: Error, c: Context<AppEnv>): Response {
    const requestId = c.get('requestId')
    // 499 as nginx logs it: the caller left, so no reply will be read.
    if (error instanceof ClientClosedError) return c.body(null, 499 as StatusCode)
    const appError =
      error instanceof AppError
        ? error
        : error instanceof HTTPException
          ? fromHttpException(error)
          : new AppError(
              'internal',
              `Something went wrong inside Peel. Try again; if it keeps failing, give your admin the request id ${requestId}.`
            )
    if (appError.code === 'internal') {
      logger.log('error', 'unhandled error', {
        requestId,
        error: error.name,
        detail: error.message.slice(0, 200),
      })
    } else if (appError.logFields !== undefined) {
      logger.log('warn', appError.code, { requestId, ...appError.logFields })
    }
    const headers: Record<string, string> = {}
    if (appError.retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(appError.retryAfterSeconds)
    }
    // The body was left unread, so the connection cannot carry another request.
    if (appError.status === 408 || appError.status === 413) headers.connection = 'close'
    if (appError.attempts !== undefined) {
      c.set('attempts', appError.attempts)
      headers['x-peel-attempts'] = String(appError.attempts)
    }
    return c.json(toEnvelope(appError, requestId), appError.status as ContentfulStatusCode, headers)
  }
}
