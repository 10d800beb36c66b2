import type { Server } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import type { Generations } from './generation/generations'

async function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.getConnections((_error, count) => {
      resolve(count)
    })
  })
}

/**
 * Stops taking connections, gives running generations up to `graceMs` to finish, then waits
 * (within the same deadline) for their replies to be written. Resolves with how many generations
 * were still running when the grace ran out.
 */
export async function drainServer(
  server: Server,
  generations: Generations,
  graceMs: number
): Promise<{ abandoned: number }> {
  // Requests on open keep-alive connections still arrive, and get the draining 503.
  server.close()
  const deadline = Date.now() + graceMs
  const grace = new AbortController()
  await Promise.race([
    generations.drain(),
    delay(graceMs, undefined, { signal: grace.signal }).catch(() => undefined),
  ])
  grace.abort()
  const abandoned = generations.inFlight
  // A settled generation still has its reply to write; wait for sockets to go idle.
  for (;;) {
    server.closeIdleConnections()
    if ((await openConnections(server)) === 0 || Date.now() >= deadline) break
    await delay(25)
  }
  return { abandoned }
}
