/**
 * @module
 * Reads a JSON body, validates it with a zod schema and answers 400 `invalid_request` naming each
 * bad field.
 */
import type { MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import type { Issue } from '../../protocol/errors'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'
import { readBody, requestHeader } from '../http/node-request'

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.join('.') || '(body)',
    message: issue.message,
  }))
}

/** Like Hono's `validator('json', …)`: the handler reads the result with `c.req.valid('json')`. */
export function jsonBody<S extends z.ZodType>(
  schema: S,
  { maxBytes }: { maxBytes: number }
): MiddlewareHandler<AppEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async function jsonBody(c, next) {
    if (!/^application\/([a-z-.]+\+)?json/i.test(requestHeader(c, 'content-type') ?? '')) {
      throw new AppError(
        'invalid_request',
        'Send the body as JSON with Content-Type: application/json.'
      )
    }
    // Outside the try: a 413 or a client that left is not bad JSON.
    const body = await readBody(c, maxBytes)
    let value: unknown
    try {
      value = JSON.parse(Buffer.concat(body).toString('utf8'))
    } catch {
      throw new AppError(
        'invalid_request',
        'The request body is not valid JSON. Check the JSON and try again.'
      )
    }
    const result = schema.safeParse(value)
    if (!result.success) {
      const issues = toIssues(result.error)
      const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join(' ')
      throw new AppError('invalid_request', `The request has problems. ${summary}`, { issues })
    }
    c.req.addValidatedData('json', result.data as object)
    await next()
  }
}
