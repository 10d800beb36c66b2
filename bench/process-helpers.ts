/**
 * @module
 * Shared by `npm run bench` and `npm run bench:load`: the simulator and Peel as separate child
 * processes (so the load generator, Peel and the simulator each get their own event loop), their
 * memory as Linux reports it, and small statistics helpers.
 */
import { execFileSync, spawn } from 'node:child_process'
import { Agent, createServer as createHttpServer, request } from 'node:http'
import type { ChildProcess } from 'node:child_process'
import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../server/simulator/start-simulator'

const SIMULATOR_FLAG = '--simulator-child'
const PIPE_FLAG = '--pipe-child'

/**
 * When this script was started as the pipe child, runs a pure pipe and returns true: a reverse
 * proxy that streams each request and reply through untouched, the least any proxy can add.
 * Arguments: `--pipe-child PORT TARGET_URL`.
 */
export function runAsPipeChild(): boolean {
  if (process.argv[2] !== PIPE_FLAG) return false
  const port = Number(process.argv[3])
  const target = new URL(process.argv[4] ?? '')
  const agent = new Agent({ keepAlive: true })
  createHttpServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
        agent,
      },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(outgoing)
      }
    )
    incoming.pipe(upstream)
  }).listen(port, '127.0.0.1')
  return true
}

/**
 * When this script was started as the simulator child, runs the simulator and returns true; the
 * caller then does nothing else. Arguments: `--simulator-child PORT LATENCY_MS CACHE_MB`.
 */
export async function runAsSimulatorChild(): Promise<boolean> {
  if (process.argv[2] !== SIMULATOR_FLAG) return false
  const [port = '0', latencyMs = '0', cacheMb = '0'] = process.argv.slice(3)
  await startSimulator({
    port: Number(port),
    latencyMs: Number(latencyMs),
    renderCacheBytes: Number(cacheMb) * 1024 * 1024,
    maxRecorded: 1,
  })
  return true
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => {
        resolve(port)
      })
    })
  })
}

async function waitUntilUp(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`)
    try {
      await fetch(url)
      return
    } catch {
      if (Date.now() > deadline) throw new Error(`${what} did not start at ${url}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

export interface Child {
  url: string
  pid: number
  /** Where its stdout and stderr went. */
  logFile: string
  stop(): Promise<void>
}

/** CPU lists (`taskset -c` syntax) that child processes are confined to, by role. */
interface Pinning {
  /** The simulator, which shares its CPUs with the load generator. */
  simulator: string
  /** Peel and the pure pipe. */
  proxy: string
}

let pinning: Pinning | undefined

/**
 * Confines this process (the load generator) and the simulator to `pins.simulator`, and every
 * proxy started afterwards to `pins.proxy`, with `taskset` (util-linux). It stands in for a
 * machine on which the proxy has cores of its own, which is how a proxy is deployed.
 */
export function pinProcesses(pins: Pinning): void {
  execFileSync('taskset', ['-a', '-p', '-c', pins.simulator, String(process.pid)], {
    stdio: 'ignore',
  })
  pinning = pins
}

function startChild(
  what: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  probe: string
): Promise<Child> {
  const logFile = join(tmpdir(), `peel-bench-${what}-${process.pid}.log`)
  const fd = openSync(logFile, 'w')
  const cpus =
    pinning === undefined ? undefined : pinning[what === 'simulator' ? 'simulator' : 'proxy']
  // taskset execs Node in its own process, so the pid is Node's and every thread is confined.
  const [command, commandArgs] =
    cpus === undefined
      ? [process.execPath, args]
      : ['taskset', ['-c', cpus, process.execPath, ...args]]
  const child = spawn(command, commandArgs, {
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  const url = `http://127.0.0.1:${port}`
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        resolve()
        return
      }
      child.once('exit', () => {
        resolve()
      })
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    })
  return waitUntilUp(`${url}${probe}`, child, what).then(
    () => ({ url, pid: child.pid ?? 0, logFile, stop }),
    async (error: unknown) => {
      await stop()
      throw error
    }
  )
}

/** The simulator in its own process, from this very script (see `runAsSimulatorChild`). */
export async function startSimulatorProcess(options: {
  latencyMs: number
  renderCacheMb: number
}): Promise<Child> {
  const port = await freePort()
  const script = fileURLToPath(import.meta.url)
  return startChild(
    'simulator',
    [
      script,
      SIMULATOR_FLAG,
      String(port),
      String(options.latencyMs),
      String(options.renderCacheMb),
    ],
    {},
    port,
    '/'
  )
}

/**
 * The Node flags `npm start` gives Peel, read from package.json's `start` script (`node FLAGS
 * dist/server/index.js`) so that the benchmarks run Peel as it is run, and cannot drift from it.
 */
export function startFlags(): string[] {
  const manifest = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')
  ) as { scripts: Record<string, string> }
  const start = /\bnode ((?:--\S+ )*)dist\/server\/index\.js/.exec(manifest.scripts.start ?? '')
  if (start === null) throw new Error('package.json: start does not run dist/server/index.js')
  return (start[1] ?? '').split(' ').filter((flag) => flag !== '')
}

/**
 * The pure pipe in its own process, in front of `targetUrl` (see `runAsPipeChild`), with Peel's
 * Node flags, so that the floor it measures is the same runtime's.
 */
export async function startPipeProcess(targetUrl: string): Promise<Child> {
  const port = await freePort()
  const script = fileURLToPath(import.meta.url)
  return startChild(
    'pipe',
    [...startFlags(), script, PIPE_FLAG, String(port), targetUrl],
    {},
    port,
    '/'
  )
}

/**
 * Peel as `npm start` runs it (`dist/server/index.js` with its Node flags), pointed at
 * `simulatorUrl`; `nodeArgs` are added to those flags.
 */
export async function startPeelProcess(
  simulatorUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = []
): Promise<Child> {
  const port = await freePort()
  const script = fileURLToPath(new URL('../server/index.js', import.meta.url))
  return startChild(
    'peel',
    [...startFlags(), ...nodeArgs, script],
    { PORT: String(port), GEMINI_BASE_URL: simulatorUrl, ...env },
    port,
    '/health'
  )
}

/** Resident and peak-resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0)
  return { rssMb: field('VmRSS') / 1024, peakMb: field('VmHWM') / 1024 }
}

/**
 * CPU time a process has used so far, in ms, from `/proc/PID/stat`: user, and system (the kernel,
 * which on loopback includes moving socket bytes). Steadier than latency on a shared machine: it
 * is what the process costs, not what it waited for. All its threads count: JIT, GC and libuv.
 */
export function cpuMsOf(pid: number): { userMs: number; systemMs: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per s on Linux).
  return { userMs: Number(fields[11]) * 10, systemMs: Number(fields[12]) * 10 }
}

/** Resets a process's peak RSS to its current RSS (Linux 4.0+), so a phase gets its own peak. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
  } catch {
    // Not permitted here: peaks then cover the whole run.
  }
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? NaN
}

/** Runs `count` calls of `task` on `concurrency` loops; returns each call's latency in ms. */
export async function runPool(
  concurrency: number,
  count: number,
  task: () => Promise<unknown>
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++
        const t = performance.now()
        await task()
        latencies.push(performance.now() - t)
      }
    })
  )
  return { latencies, wallMs: performance.now() - started }
}

export const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : '–'

/**
 * Peel's live JS heap in MB, from a heap snapshot (which collects garbage first). The child must
 * run with `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=DIR`.
 */
export async function liveHeapMb(pid: number, dir: string): Promise<number> {
  const before = new Set(readdirSync(dir))
  process.kill(pid, 'SIGUSR2')
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'))
    if (file === undefined) continue
    let snapshot: HeapSnapshot
    try {
      snapshot = JSON.parse(readFileSync(join(dir, file), 'utf8')) as HeapSnapshot
    } catch {
      continue // still being written
    }
    rmSync(join(dir, file))
    const fields = snapshot.snapshot.meta.node_fields
    const at = fields.indexOf('self_size')
    let bytes = 0
    for (let i = at; i < snapshot.nodes.length; i += fields.length) bytes += snapshot.nodes[i] ?? 0
    return bytes / 2 ** 20
  }
  throw new Error('No heap snapshot appeared within 30 s')
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[] } }
  nodes: number[]
}
