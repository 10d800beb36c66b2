import { Hono } from 'hono'
import type { ModelsResponse } from '../../protocol/api'
import type { AppEnv } from '../app-env'
import type { Catalogue } from '../gemini/create-catalogue'

/** `GET /v1/models`: the catalogue with each model's limits. */
export function modelsRoute(catalogue: Catalogue) {
  const body: ModelsResponse = { models: catalogue.models }
  // The catalogue is fixed for the server's life, so it is serialised once.
  const json = JSON.stringify(body)
  return new Hono<AppEnv>().get('/', (c) =>
    c.body(json, 200, { 'content-type': 'application/json' })
  )
}
