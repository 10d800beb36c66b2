/**
 * @module
 * Serves a fetch handler on a port and resolves once it is listening, or rejects with a clear
 * message when it cannot (most often: the port is taken).
 */
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'

export interface Listening {
  /** `http://host:port` as a client would dial it. */
  url: string
  port: number
  /** Stops accepting, drops every open connection and resolves when the server has closed. */
  close(): Promise<void>
  server: Server
}

type FetchHandler = (request: Request) => Response | Promise<Response>

export interface ListenOptions {
  /** Node's deadline for receiving a whole request, headers and body (its default is 300 s). */
  requestTimeoutMs?: number
}

/** Node's 60 s default lets a client trickle headers a byte at a time for a minute per socket. */
const HEADERS_TIMEOUT_MS = 20_000

export function listen(
  fetch: FetchHandler,
  port: number,
  hostname: string,
  { requestTimeoutMs }: ListenOptions = {}
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              done()
            })
            // Clients keep spare sockets open without a request on them (undici does, for 4 s);
            // waiting for those would stall shutdown for no one.
            server.closeAllConnections()
          }),
      })
    }) as Server
    server.headersTimeout = HEADERS_TIMEOUT_MS
    if (requestTimeoutMs !== undefined) server.requestTimeout = requestTimeoutMs
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${hostname} is already in use. Stop the other process or choose another port.`
            : `Could not listen on ${hostname}:${port}: ${error.message}`
        )
      )
    })
  })
}
