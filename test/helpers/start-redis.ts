import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export interface RunningRedis {
  url: string
  port: number
  /** Kills the server (as a crash would); its data is gone. */
  stop(): Promise<void>
  /** Starts a fresh, empty server on the same port. */
  restart(): Promise<void>
}

const MISSING =
  'redis-server was not found. The scale-out tests need a real Redis: install it with ' +
  '`apt-get install redis-server` (Debian); .ci/run does this before the tests.'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port)
        else reject(new Error('no port'))
      })
    })
  })
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`redis-server did not start within 10 s:\n${output}`))
    }, 10_000)
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(error.code === 'ENOENT' ? new Error(MISSING) : error)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${String(code)}) before it was ready:\n${output}`))
    })
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        resolve(child)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  })
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve()
    })
    child.kill('SIGKILL')
  })
}

/** A real `redis-server` on a free loopback port, with no persistence. Fails if none is installed. */
export async function startRedis(): Promise<RunningRedis> {
  let port = await freePort()
  let child: ChildProcess
  try {
    child = await launch(port)
  } catch (error) {
    if ((error as Error).message === MISSING) throw error
    // Someone took the port in between; one more try.
    port = await freePort()
    child = await launch(port)
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => kill(child),
    restart: async () => {
      await kill(child)
      child = await launch(port)
    },
  }
}
