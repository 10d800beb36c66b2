/**
 * `npm run bench`: what Peel adds to a generation, against the same `@google/genai` calls made
 * straight to the simulator. The simulator and Peel run as separate processes (Peel exactly as
 * `npm start` runs it); this process is only the load generator. The simulator runs at zero
 * latency with its render cache on, so identical requests cost it no PNG encoding and the figures
 * are about the proxy, not the image maker. Direct and Peel runs alternate to even out drift.
 *
 * Usage: node dist/bench/bench.js [--quick] [--only=…] [--pin] [--profile=DIR]
 */
import { randomBytes } from 'node:crypto'
import { cpus, totalmem } from 'node:os'
import { GoogleGenAI } from '@google/genai'
import sharp from 'sharp'
import { GenerateRequestSchema } from '../protocol/api'
import type { GenerateRequestInput } from '../protocol/api'
import { buildGeminiRequest } from '../server/gemini/build-gemini-request'
import { findModelSpec } from '../server/gemini/model-specs'
import type { Child } from './process-helpers'
import {
  fmt,
  cpuMsOf,
  memoryOf,
  percentile,
  pinProcesses,
  resetPeak,
  runAsSimulatorChild,
  runPool,
  startPeelProcess,
  startPipeProcess,
  startSimulatorProcess,
  runAsPipeChild,
} from './process-helpers'

const QUICK = process.argv.includes('--quick')
/** `--only=text,refs1` runs just those phases (keys in `plan` below). */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
/**
 * `--pin` gives the proxy (Peel, or the pure pipe) the machine's last CPU to itself and confines
 * the load generator and the simulator to the others, in direct and proxied runs alike.
 */
const PIN = process.argv.includes('--pin')
/** `--profile=DIR` writes a V8 CPU profile of the Peel process there. */
const PROFILE = process.argv.find((arg) => arg.startsWith('--profile='))?.slice('--profile='.length)
const MODEL = 'gemini-3.1-flash-image'

interface Side {
  name: string
  direct: () => Promise<unknown>
  peel: () => Promise<unknown>
}

interface Row {
  label: string
  concurrency: number
  direct: number[]
  peel: number[]
  directWallMs: number
  peelWallMs: number
  peelPeakMb?: number
  /** CPU the proxy process used while the timed calls ran, in ms. */
  peelCpu: { userMs: number; systemMs: number }
}

/** A ~1 MB PNG of random noise: it barely compresses, like a detailed frame export. */
async function noisyPng(side: number): Promise<string> {
  const raw = randomBytes(side * side * 3)
  const png = await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer()
  return png.toString('base64')
}

function directCall(ai: GoogleGenAI, body: GenerateRequestInput) {
  const spec = findModelSpec(MODEL)
  if (spec === undefined) throw new Error(`unknown model ${MODEL}`)
  const { contents, config } = buildGeminiRequest(GenerateRequestSchema.parse(body), spec)
  return () => ai.models.generateContent({ model: MODEL, contents, config })
}

function peelCall(peel: Child, body: GenerateRequestInput, expected: number) {
  return async () => {
    // Serialised on every call and parsed whole, as the SDK does for each direct call, so that
    // both sides pay the same client cost.
    const res = await fetch(`${peel.url}/v1/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    await res.json()
    if (res.status !== expected) throw new Error(`Peel answered ${res.status}, not ${expected}`)
  }
}

/** Alternates direct and Peel blocks of `perBlock` calls, `rounds` times each. */
async function measure(
  label: string,
  side: Side,
  concurrency: number,
  perBlock: number,
  rounds: number,
  peel: Child
): Promise<Row> {
  const row: Row = {
    label,
    concurrency,
    direct: [],
    peel: [],
    directWallMs: 0,
    peelWallMs: 0,
    peelCpu: { userMs: 0, systemMs: 0 },
  }
  // Warm both paths (connections, JIT, the simulator's render cache).
  await runPool(concurrency, concurrency, side.direct)
  await runPool(concurrency, concurrency, side.peel)
  resetPeak(peel.pid)
  for (let round = 0; round < rounds; round++) {
    const d = await runPool(concurrency, perBlock, side.direct)
    const cpuBefore = cpuMsOf(peel.pid)
    const p = await runPool(concurrency, perBlock, side.peel)
    const cpuAfter = cpuMsOf(peel.pid)
    row.peelCpu.userMs += cpuAfter.userMs - cpuBefore.userMs
    row.peelCpu.systemMs += cpuAfter.systemMs - cpuBefore.systemMs
    row.direct.push(...d.latencies)
    row.peel.push(...p.latencies)
    row.directWallMs += d.wallMs
    row.peelWallMs += p.wallMs
  }
  row.peelPeakMb = memoryOf(peel.pid).peakMb
  return row
}

/**
 * Strictly alternating single calls, for concurrency 1, after `warmUps` of each: enough for V8 to
 * have optimised both paths, so the figures are a running server's, not a cold one's.
 */
async function measureInterleaved(
  label: string,
  side: Side,
  runs: number,
  peel: Child,
  warmUps: number
): Promise<Row> {
  for (let i = 0; i < warmUps; i++) {
    await side.direct()
    await side.peel()
  }
  resetPeak(peel.pid)
  const row: Row = {
    label,
    concurrency: 1,
    direct: [],
    peel: [],
    directWallMs: 0,
    peelWallMs: 0,
    peelCpu: { userMs: 0, systemMs: 0 },
  }
  // The proxy idles while direct calls run, so its CPU over the whole loop is its calls' CPU.
  const cpuBefore = cpuMsOf(peel.pid)
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 === 0
      ? (['direct', 'peel'] as const)
      : (['peel', 'direct'] as const)) {
      const started = performance.now()
      await side[which]()
      const ms = performance.now() - started
      row[which].push(ms)
      if (which === 'direct') row.directWallMs += ms
      else row.peelWallMs += ms
    }
  }
  const cpuAfter = cpuMsOf(peel.pid)
  row.peelCpu = {
    userMs: cpuAfter.userMs - cpuBefore.userMs,
    systemMs: cpuAfter.systemMs - cpuBefore.systemMs,
  }
  row.peelPeakMb = memoryOf(peel.pid).peakMb
  return row
}

function report(rows: Row[]): void {
  const header = [
    'case'.padEnd(34),
    'c'.padStart(3),
    'n'.padStart(5),
    'direct p50'.padStart(11),
    'peel p50'.padStart(9),
    'added'.padStart(7),
    'ratio'.padStart(6),
    'direct p99'.padStart(11),
    'peel p99'.padStart(9),
    'added'.padStart(7),
    'ratio'.padStart(6),
    'direct rps'.padStart(11),
    'peel rps'.padStart(9),
    'ratio'.padStart(6),
    'Peel peak RSS'.padStart(14),
    'CPU/req (kernel)'.padStart(17),
  ]
  console.log(header.join(' '))
  for (const row of rows) {
    const d50 = percentile(row.direct, 50)
    const p50 = percentile(row.peel, 50)
    const d99 = percentile(row.direct, 99)
    const p99 = percentile(row.peel, 99)
    const drps = (row.direct.length / row.directWallMs) * 1000
    const prps = (row.peel.length / row.peelWallMs) * 1000
    console.log(
      [
        row.label.padEnd(34),
        String(row.concurrency).padStart(3),
        String(row.peel.length).padStart(5),
        `${fmt(d50, 2)} ms`.padStart(11),
        `${fmt(p50, 2)} ms`.padStart(9),
        fmt(p50 - d50, 2).padStart(7),
        `${fmt(p50 / d50, 2)}×`.padStart(6),
        `${fmt(d99, 2)} ms`.padStart(11),
        `${fmt(p99, 2)} ms`.padStart(9),
        fmt(p99 - d99, 2).padStart(7),
        `${fmt(p99 / d99, 2)}×`.padStart(6),
        fmt(drps, 1).padStart(11),
        fmt(prps, 1).padStart(9),
        `${fmt(prps / drps, 2)}×`.padStart(6),
        `${fmt(row.peelPeakMb ?? NaN, 0)} MB`.padStart(14),
        `${fmt((row.peelCpu.userMs + row.peelCpu.systemMs) / row.peel.length, 1)} ms (${fmt(
          row.peelCpu.systemMs / row.peel.length,
          1
        )})`.padStart(17),
      ].join(' ')
    )
  }
}

async function main(): Promise<void> {
  const started = performance.now()
  const cpuCount = cpus().length
  const pins =
    PIN && cpuCount >= 2
      ? { simulator: cpuCount === 2 ? '0' : `0-${cpuCount - 2}`, proxy: String(cpuCount - 1) }
      : undefined
  if (PIN && pins === undefined) throw new Error('--pin needs at least two CPUs')
  if (pins !== undefined) pinProcesses(pins)
  const sim = await startSimulatorProcess({ latencyMs: 0, renderCacheMb: 64 })
  const peel = await startPeelProcess(
    sim.url,
    {},
    PROFILE === undefined
      ? (process.env.PEEL_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '')
      : ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`]
  )
  const ai = new GoogleGenAI({ apiKey: 'bench', httpOptions: { baseUrl: sim.url } })
  // The floor for any proxy on this machine: the same SDK calls through a pure pipe.
  const pipe = await startPipeProcess(sim.url)
  const viaPipe = new GoogleGenAI({ apiKey: 'bench', httpOptions: { baseUrl: pipe.url } })
  try {
    const refs = await Promise.all([580, 581, 582].map(noisyPng))
    const refBytes = refs.map((r) => Buffer.from(r, 'base64').length)
    const withRefs: GenerateRequestInput = {
      prompt: 'a product card in the style of these frames',
      model: MODEL,
      imageSize: '1K',
      references: refs.map((data, i) => ({
        mimeType: 'image/png' as const,
        data,
        name: `Frame ${i + 1}`,
      })),
    }
    const textOnly: GenerateRequestInput = {
      prompt: 'a lemon on a desk',
      model: MODEL,
      aspectRatio: '1:1',
      imageSize: '1K',
    }
    const blocked: GenerateRequestInput = { prompt: 'a lemon [sim:blocked_prompt]', model: MODEL }

    const sizeOf = async (body: GenerateRequestInput) => {
      const res = await fetch(`${peel.url}/v1/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return (await res.arrayBuffer()).byteLength
    }
    const textReply = await sizeOf(textOnly)
    const refsReply = await sizeOf(withRefs)
    const modelsReply = (await (await fetch(`${peel.url}/v1/models`)).arrayBuffer()).byteLength

    const sides = {
      text: { name: 'text', direct: directCall(ai, textOnly), peel: peelCall(peel, textOnly, 200) },
      // "peel" here is the SDK call through the pure pipe: the row shows what a hop costs alone.
      textPipe: {
        name: 'text',
        direct: directCall(ai, textOnly),
        peel: directCall(viaPipe, textOnly),
      },
      blockedPipe: {
        name: 'blocked',
        direct: directCall(ai, blocked),
        peel: directCall(viaPipe, blocked),
      },
      refs: { name: 'refs', direct: directCall(ai, withRefs), peel: peelCall(peel, withRefs, 200) },
      refsPipe: {
        name: 'refs',
        direct: directCall(ai, withRefs),
        peel: directCall(viaPipe, withRefs),
      },
      blocked: {
        name: 'blocked',
        direct: directCall(ai, blocked),
        peel: peelCall(peel, blocked, 422),
      },
      models: {
        name: 'models',
        // The nearest direct equivalent of a catalogue read: one GET answered with a small JSON
        // body by the same HTTP stack (Hono on @hono/node-server), with no upstream call.
        direct: async () => {
          const res = await fetch(`${sim.url}/v1beta/models`)
          await res.json()
        },
        peel: async () => {
          const res = await fetch(`${peel.url}/v1/models`)
          await res.json()
          if (res.status !== 200) throw new Error(`Peel answered ${res.status}`)
        },
      },
      invalid: {
        name: 'invalid',
        // A 400 Peel answers itself, against the simulator answering a bad call itself.
        direct: async () => {
          const res = await fetch(`${sim.url}/v1beta/models/${MODEL}:generateContent`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench' },
            body: '{"contents":[]}',
          })
          await res.json()
        },
        peel: peelCall(peel, { prompt: '' }, 400),
      },
    } satisfies Record<string, Side>

    const scale = QUICK ? 0.25 : 1
    const n = (count: number) => Math.max(4, Math.round(count * scale))
    const plan: [string, () => Promise<Row>][] = [
      [
        'models',
        () => measureInterleaved('small: GET /v1/models', sides.models, n(1000), peel, 500),
      ],
      [
        'invalid',
        () => measureInterleaved('small: 400 from Peel itself', sides.invalid, n(1000), peel, 500),
      ],
      [
        'blocked',
        () => measureInterleaved('small: 422 blocked prompt', sides.blocked, n(400), peel, 200),
      ],
      [
        'blocked',
        () =>
          measureInterleaved('pure pipe: 422 blocked prompt', sides.blockedPipe, n(400), pipe, 200),
      ],
      ['text', () => measureInterleaved('text-only 1K', sides.text, n(150), peel, 50)],
      [
        'text',
        () => measureInterleaved('pure pipe: text-only 1K', sides.textPipe, n(150), pipe, 50),
      ],
      ['refs1', () => measureInterleaved('3 × 1 MB refs', sides.refs, n(30), peel, 5)],
      [
        'refs1',
        () => measureInterleaved('pure pipe: 3 × 1 MB refs', sides.refsPipe, n(30), pipe, 5),
      ],
      ['refs16', () => measure('3 × 1 MB refs', sides.refs, 16, n(64), 2, peel)],
      ['refs16', () => measure('pure pipe: 3 × 1 MB refs', sides.refsPipe, 16, n(64), 2, pipe)],
      ['refs64', () => measure('3 × 1 MB refs', sides.refs, 64, n(128), 2, peel)],
    ]
    const only = ONLY?.split(',')
    const rows: Row[] = []
    for (const [key, run] of plan)
      if (only === undefined || only.includes(key)) rows.push(await run())
    const peelMemory = memoryOf(peel.pid)

    console.log(
      `Peel overhead benchmark, ${new Date().toISOString()}, Node ${process.version}, ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`
    )
    console.log(
      `Sizes: references ${refBytes.map((b) => (b / 2 ** 20).toFixed(2)).join(' + ')} MB (request body ` +
        `${(JSON.stringify(withRefs).length / 2 ** 20).toFixed(2)} MB); replies: text-only 1K ` +
        `${(textReply / 2 ** 20).toFixed(2)} MB, with references ${(refsReply / 2 ** 20).toFixed(2)} MB, ` +
        `/v1/models ${modelsReply} B`
    )
    if (pins !== undefined) {
      console.log(
        `Pinned: the load generator and the simulator on CPU ${pins.simulator}, the proxy on CPU ` +
          `${pins.proxy}, in direct runs too (where that CPU idles).`
      )
    }
    console.log(
      'Latency is per request as the client sees it; "added" is Peel minus direct at the same ' +
        'percentile, in ms; rps is completed requests per second of wall time in that phase; ' +
        'CPU/req is the CPU the proxy process (Peel, or the pure pipe) used per timed request, all ' +
        'threads, from /proc in 10 ms ticks summed over the phase; in brackets, the part spent in ' +
        'the kernel, which on loopback includes moving the socket bytes.'
    )
    report(rows)
    console.log(
      `Peel RSS at the end ${fmt(peelMemory.rssMb, 0)} MB (peaks above are per phase). ` +
        `Took ${fmt((performance.now() - started) / 1000, 0)} s.`
    )
  } finally {
    await peel.stop()
    await pipe.stop()
    await sim.stop()
  }
}

if (!runAsPipeChild() && !(await runAsSimulatorChild())) await main()
