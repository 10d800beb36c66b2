import { Hono } from 'hono'
import type { ModelsResponse } from '../../protocol/api'
import type { AppEnv } from '../app-env'
import type { Catalogue } from '../gemini/create-catalogue'

/** `GET /v1/models`: the catalogue with each model's limits. */
export function modelsRoute(catalogue: Catalogue) {
  const body: ModelsResponse = { models: catalogue.models }
  return new Hono<AppEnv>().get('/', (c) => c.json(body))
}
