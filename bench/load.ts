/**
 * `npm run bench:load`: 200 concurrent clients for 30 s against Peel, with the simulator (its own
 * process) answering every call after 2 s and a mix of faults. Every reply is checked against
 * EXPECTED; any other outcome, or memory that does not come back down afterwards, exits 1.
 *
 * Usage: node dist/bench/load.js [--clients=200] [--seconds=30]
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorEnvelopeSchema } from '../protocol/errors'
import {
  fmt,
  liveHeapMb,
  memoryOf,
  percentile,
  runAsSimulatorChild,
  startPeelProcess,
  startSimulatorProcess,
} from './process-helpers'

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const CLIENTS = arg('clients', 200)
const SECONDS = arg('seconds', 30)
const LATENCY_MS = 2000
const SETTLE_MS = arg('settle', 5) * 1000

type Outcome = `${number} ${string}`

/**
 * What each kind of request may get back, as `status code`. Where Peel's upstream retries change
 * the answer, both the answer without retries and the one with them are listed (and labelled):
 * update this table, and only this table, when that behaviour changes.
 */
const EXPECTED: Record<string, { prompt: () => string; accept: Outcome[]; note?: string }> = {
  success: {
    prompt: () => `a lemon on a desk ${Math.floor(Math.random() * 4)}`,
    accept: ['200 ok'],
  },
  '429': { prompt: () => 'a lemon [sim:429]', accept: ['429 rate_limited'] },
  '503': { prompt: () => 'a lemon [sim:503]', accept: ['503 upstream_unavailable'] },
  '500': { prompt: () => 'a lemon [sim:500]', accept: ['502 upstream_error'] },
  image_safety: { prompt: () => 'a lemon [sim:image_safety]', accept: ['422 content_blocked'] },
  no_image: { prompt: () => 'a lemon [sim:no_image]', accept: ['502 upstream_error'] },
  blocked_prompt: { prompt: () => 'a lemon [sim:blocked_prompt]', accept: ['422 content_blocked'] },
  fail_once_503: {
    // A nonce makes every one a first attempt.
    prompt: () => `a lemon [sim:fail_once=503] ${randomUUID()}`,
    accept: ['200 ok', '503 upstream_unavailable'],
    note: '200 when Peel retries upstream 503s, 503 without retries',
  },
}
const KINDS = Object.keys(EXPECTED)

interface Result {
  kind: string
  outcome: string
  ms: number
}

async function call(url: string, kind: string): Promise<Result> {
  const spec = EXPECTED[kind]
  if (spec === undefined) throw new Error(`no such kind ${kind}`)
  const started = performance.now()
  let outcome: string
  try {
    const res = await fetch(`${url}/v1/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // 512 px keeps the simulator's PNG work small: this run is about concurrency, not bytes.
      body: JSON.stringify({ prompt: spec.prompt(), imageSize: '512' }),
    })
    const text = await res.text()
    if (res.status === 200) outcome = '200 ok'
    else {
      const parsed = ErrorEnvelopeSchema.safeParse(JSON.parse(text))
      outcome = `${res.status} ${parsed.success ? parsed.data.error.code : 'NO-ENVELOPE'}`
    }
  } catch (error) {
    outcome = `network ${error instanceof Error ? error.message : String(error)}`
  }
  return { kind, outcome, ms: performance.now() - started }
}

async function main(): Promise<void> {
  const sim = await startSimulatorProcess({ latencyMs: LATENCY_MS, renderCacheMb: 64 })
  const snapshots = mkdtempSync(join(tmpdir(), 'peel-load-'))
  const peel = await startPeelProcess(sim.url, {}, [
    '--heapsnapshot-signal=SIGUSR2',
    `--diagnostic-dir=${snapshots}`,
  ])
  let failed: boolean
  try {
    // Warm-up: one of each kind, all at once, so the baseline has every code path loaded.
    await Promise.all(KINDS.map((kind) => call(peel.url, kind)))
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const heapBaseline = await liveHeapMb(peel.pid, snapshots)
    const baseline = memoryOf(peel.pid).rssMb
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(peel.pid).rssMb)
    }, 200)

    const results: Result[] = []
    const started = performance.now()
    const endAt = started + SECONDS * 1000
    let next = 0
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < endAt) {
          const kind = KINDS[next++ % KINDS.length] ?? 'success'
          results.push(await call(peel.url, kind))
        }
      })
    )
    const wallS = (performance.now() - started) / 1000
    clearInterval(sampler)
    peak = Math.max(peak, memoryOf(peel.pid).peakMb)
    const afterLoad = memoryOf(peel.pid).rssMb
    const trace: number[] = []
    for (let waited = 0; waited < SETTLE_MS; waited += 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      trace.push(memoryOf(peel.pid).rssMb)
    }
    const settled = memoryOf(peel.pid).rssMb
    const heapSettled = await liveHeapMb(peel.pid, snapshots)

    console.log(
      `Load: ${CLIENTS} clients for ${SECONDS} s (drained after ${fmt(wallS, 1)} s), simulator latency ` +
        `${LATENCY_MS} ms, Node ${process.version}, ${new Date().toISOString()}`
    )
    console.log('kind'.padEnd(16), 'n'.padStart(5), 'p50 ms'.padStart(8), '  outcomes')
    let unexpected = 0
    const examples: string[] = []
    for (const kind of KINDS) {
      const spec = EXPECTED[kind]
      const mine = results.filter((r) => r.kind === kind)
      const counts = new Map<string, number>()
      for (const r of mine) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1)
      for (const r of mine) {
        if (spec?.accept.includes(r.outcome as Outcome) === true) continue
        unexpected++
        if (examples.length < 10) examples.push(`${kind}: ${r.outcome}`)
      }
      const outcomes = [...counts].map(([o, c]) => `${o} ×${c}`).join(', ')
      console.log(
        kind.padEnd(16),
        String(mine.length).padStart(5),
        fmt(
          percentile(
            mine.map((r) => r.ms),
            50
          ),
          0
        ).padStart(8),
        ` ${outcomes}${spec?.note === undefined ? '' : `  (${spec.note})`}`
      )
    }
    const all = results.map((r) => r.ms)
    console.log(
      `Total ${results.length} requests, ${fmt(results.length / wallS, 1)} req/s; latency p50 ` +
        `${fmt(percentile(all, 50), 0)} ms, p99 ${fmt(percentile(all, 99), 0)} ms`
    )
    console.log(
      `Unexpected outcomes: ${unexpected}${examples.length > 0 ? `, e.g. ${examples.join('; ')}` : ''}`
    )
    // The pass mark is the live JS heap (a snapshot collects garbage first): RSS keeps the pages
    // V8 and malloc grew into for reuse, so it stays near its peak whether or not anything leaks.
    const bound = Math.max(heapBaseline + 50, heapBaseline * 1.5)
    const returned = heapSettled <= bound
    console.log(
      `Peel live JS heap: baseline ${fmt(heapBaseline, 1)} MB, after ${SETTLE_MS / 1000} s idle ` +
        `${fmt(heapSettled, 1)} MB (must be ≤ ${fmt(bound, 0)} MB: ${returned ? 'ok' : 'NOT RETURNED'})`
    )
    console.log(
      `Peel RSS: baseline ${fmt(baseline, 0)} MB, peak ${fmt(peak, 0)} MB, at the end of the load ` +
        `${fmt(afterLoad, 0)} MB, after ${SETTLE_MS / 1000} s idle ${fmt(settled, 0)} MB ` +
        `(each idle second: ${trace.map((mb) => fmt(mb, 0)).join(' ')})`
    )
    failed = unexpected > 0 || !returned
  } finally {
    await peel.stop()
    await sim.stop()
    rmSync(snapshots, { recursive: true, force: true })
  }
  process.exitCode = failed ? 1 : 0
}

if (!(await runAsSimulatorChild())) await main()
