/**
 * `npm run bench:overhead`: the latency Peel adds to one 1K generation, against the same SDK call
 * made straight to the simulator. Runs are interleaved so drift in the simulator's render time
 * hits both sides alike.
 */
import { GoogleGenAI } from '@google/genai'
import { loadConfig } from '../server/config'
import { silentLogger } from '../server/logger'
import { startSimulator } from '../server/simulator/start-simulator'
import { startPeelServer } from '../server/start-peel-server'

const RUNS = Number(process.argv[2] ?? 40)
const WARMUP = 5

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

const sim = await startSimulator()
const peel = await startPeelServer(loadConfig({ PORT: '0', GEMINI_BASE_URL: sim.url }), {
  logger: silentLogger,
})
const ai = new GoogleGenAI({ apiKey: 'bench', httpOptions: { baseUrl: sim.url } })
const prompt = 'a lemon on a desk'
const direct = () =>
  ai.models.generateContent({
    model: 'gemini-3.1-flash-image',
    contents: [{ role: 'user', parts: [{ text: prompt }] }],
    config: {
      responseModalities: ['TEXT', 'IMAGE'],
      imageConfig: { aspectRatio: '1:1', imageSize: '1K' },
    },
  })
const viaPeel = async () => {
  const res = await fetch(`${peel.url}/v1/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt, aspectRatio: '1:1', imageSize: '1K' }),
  })
  if (res.status !== 200) throw new Error(`Peel answered ${res.status}`)
  await res.json()
}

for (let i = 0; i < WARMUP; i++) {
  await direct()
  await viaPeel()
}
const directMs: number[] = []
const peelMs: number[] = []
for (let i = 0; i < RUNS; i++) {
  directMs.push(await time(direct))
  peelMs.push(await time(viaPeel))
}
await peel.close()
await sim.close()

const row = (name: string, values: number[]) =>
  `${name.padEnd(22)} p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms   p90 ${percentile(values, 90).toFixed(1).padStart(7)} ms`
console.log(
  `One 1K generation (1024×1024 PNG), ${RUNS} interleaved runs after ${WARMUP} warm-ups, Node ${process.version}`
)
console.log(row('SDK → simulator', directMs))
console.log(row('HTTP → Peel → simulator', peelMs))
console.log(
  `Added by Peel: p50 ${(percentile(peelMs, 50) - percentile(directMs, 50)).toFixed(1)} ms`
)
