import { Hono } from 'hono'
import type { HealthResponse } from '../../protocol/api'
import type { AppEnv } from '../app-env'
import { jsonReply } from '../http/reply'

/** `GET /health`: liveness and mode, with no auth so the plugin can check its connection. */
export function healthRoute(health: HealthResponse) {
  return new Hono<AppEnv>().get('/', (c) => jsonReply(c, health))
}
