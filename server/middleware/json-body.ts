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
import { readBody } from '../http/read-body'
import type { BodyLimits } from '../http/read-body'
import type { BodyAccount } from './body-budget'

function toIssues(error: z.ZodError): Issue[] {
  return error.issues
    .flatMap((issue): { path: PropertyKey[]; message: string }[] =>
      // One issue per unknown field, named by its path like any other.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ message: issue.message, path: [...issue.path, key] }))
        : [issue]
    )
    .slice(0, 20)
    .map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }))
}

// `application/json` or a `+json` type, with parameters (`; charset=utf-8`) but nothing glued on.
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;.*)?$/i

// In a function of its own so that the body's bytes are garbage once parsed: a local of the
// middleware would live as long as the request does, across `await next()`.
async function readJson(
  request: Request,
  limits: Omit<BodyLimits, 'charge'>,
  account: BodyAccount | undefined
): Promise<unknown> {
  // Outside the try: a 413, a 408 or a client that left is not bad JSON.
  const body = await readBody(request, { ...limits, charge: account?.charge }).finally(() =>
    account?.done()
  )
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new AppError(
      'invalid_request',
      'The request body is not valid JSON. Check the JSON and try again.'
    )
  }
}

/** Like Hono's `validator('json', …)`: the handler reads the result with `c.req.valid('json')`. */
export function jsonBody<S extends z.ZodType>(
  schema: S,
  limits: Omit<BodyLimits, 'charge'>
): MiddlewareHandler<AppEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async function jsonBody(c, next) {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new AppError(
        'unsupported_media_type',
        'Send the body as JSON with Content-Type: application/json.'
      )
    }
    const encoding = c.req.header('content-encoding')?.trim().toLowerCase() ?? 'identity'
    if (encoding !== 'identity') {
      throw new AppError(
        'unsupported_media_type',
        'Send the body uncompressed: this server does not take a Content-Encoding such as gzip.'
      )
    }
    const value = await readJson(c.req.raw, limits, c.get('bodyAccount'))
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
