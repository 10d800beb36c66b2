/**
 * @module
 * Validates a JSON body with a zod schema and answers 400 `invalid_request` naming each bad field.
 */
import { validator } from 'hono/validator'
import type { z } from 'zod'
import type { Issue } from '../../protocol/errors'
import { AppError } from '../errors'

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.join('.') || '(body)',
    message: issue.message,
  }))
}

export function jsonBody<S extends z.ZodType>(schema: S) {
  return validator('json', (value, c): z.output<S> => {
    if (!/^application\/([a-z-.]+\+)?json/i.test(c.req.header('content-type') ?? '')) {
      throw new AppError(
        'invalid_request',
        'Send the body as JSON with Content-Type: application/json.'
      )
    }
    const result = schema.safeParse(value)
    if (result.success) return result.data
    const issues = toIssues(result.error)
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join(' ')
    throw new AppError('invalid_request', `The request has problems. ${summary}`, { issues })
  })
}
