/**
 * @module
 * A loopback HTTP proxy in front of Peel that drops the plugin's first streamed generation
 * mid-stream, the way a flaky network or a proxy restart does: the client's socket is destroyed,
 * while the proxy keeps its own connection to Peel open and drains it (as real proxies often do),
 * so Peel still has someone waiting on the generation.
 */
import { createServer, request as forward } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  path: string
  idempotencyKey?: string
  /** `Idempotent-Replayed` of Peel's answer, when it had one. */
  replayed?: string
  status?: number
}

export interface DropProxy {
  url: string
  seen: SeenRequest[]
  close(): Promise<void>
}

/** `dropAfter`: the text in the event stream after which the first stream is cut. */
export async function startDropProxy(target: string, dropAfter: string): Promise<DropProxy> {
  const seen: SeenRequest[] = []
  const to = new URL(target)
  let dropped = false
  const server = createServer((req, res) => {
    const key = req.headers['idempotency-key']
    const record: SeenRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      idempotencyKey: typeof key === 'string' ? key : undefined,
    }
    seen.push(record)
    const upstream = forward(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        record.status = answer.statusCode
        const replayed = answer.headers['idempotent-replayed']
        record.replayed = typeof replayed === 'string' ? replayed : undefined
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        const streaming = String(answer.headers['content-type']).includes('text/event-stream')
        const cut = streaming && req.method === 'POST' && !dropped
        if (cut) dropped = true
        let text = ''
        answer.on('data', (chunk: Buffer) => {
          if (res.destroyed) return
          res.write(chunk)
          if (!cut) return
          text += chunk.toString('utf8')
          // Cut once the bytes are out: a connection that dies before any reply byte is one
          // Chrome retries by itself, which would test Chrome instead of Peel.
          if (text.includes(dropAfter)) {
            text = ''
            setTimeout(() => res.destroy(), 100)
          }
        })
        answer.on('end', () => {
          if (!res.destroyed) res.end()
        })
      }
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${String(port)}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  }
}
