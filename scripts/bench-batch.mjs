// `npm run bench:batch`: bundles the TypeScript batch benchmark for Node and runs it.
import { build } from 'esbuild'

const outfile = 'node_modules/.cache/peel/bench-batch.mjs'
await build({
  entryPoints: ['test/e2e/bench-batch.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
})
const { benchBatch } = await import(`../${outfile}`)
const { wallMs, idealMs } = await benchBatch()
const over = ((wallMs / idealMs - 1) * 100).toFixed(1)
console.log(
  `Batch of 12 frames, concurrency 4, simulator latency ${idealMs / 3} ms: ` +
    `${(wallMs / 1000).toFixed(2)} s ` +
    `wall vs ${(idealMs / 1000).toFixed(2)} s ideal (${over} % over; target within 15 %).`
)
process.exitCode = wallMs <= idealMs * 1.15 ? 0 : 1
