import { Hono } from 'hono'
import { GenerateRequestSchema } from '../../protocol/api'
import type { AppEnv } from '../app-env'
import { checkAgainstModel } from '../gemini/check-against-model'
import type { Catalogue } from '../gemini/create-catalogue'
import type { Generator } from '../gemini/create-generator'
import { jsonBody } from '../middleware/json-body'
import { writeGenerateResponse } from './write-generate-response'

export interface GenerationsRouteDeps {
  catalogue: Catalogue
  generator: Generator
}

/** `POST /v1/generations`: one prompt and its references in, placeable images out. */
export function generationsRoute({ catalogue, generator }: GenerationsRouteDeps) {
  return new Hono<AppEnv>().post('/', jsonBody(GenerateRequestSchema), async (c) => {
    const request = c.req.valid('json')
    const spec = checkAgainstModel(request, catalogue)
    c.set('model', spec.id)
    const ownKey = c.req.header('x-gemini-api-key')?.trim()
    const result = await generator.generate(request, spec, {
      ownKey: ownKey === '' ? undefined : ownKey,
      signal: c.req.raw.signal,
    })
    c.header('Content-Type', 'application/json')
    return c.body(writeGenerateResponse(result))
  })
}
