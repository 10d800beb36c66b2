import { Hono } from 'hono'
import type { HealthResponse } from '../../protocol/api'
import type { AppEnv } from '../app-env'

/** `GET /health`: liveness and mode, with no auth so the plugin can check its connection. */
export function healthRoute(health: HealthResponse) {
  return new Hono<AppEnv>().get('/', (c) => c.json(health))
}
