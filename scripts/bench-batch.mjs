// `npm run bench:batch`: bundles the TypeScript batch benchmark for Node and runs it.
import { importTypeScript } from './import-typescript.mjs'

const { benchBatch } = await importTypeScript('test/e2e/bench-batch.ts')
const { wallMs, driverMs, idealMs } = await benchBatch()
const over = ((wallMs / idealMs - 1) * 100).toFixed(1)
console.log(
  `Batch of 12 frames, concurrency 4, simulator latency ${idealMs / 3} ms: ` +
    `${(wallMs / 1000).toFixed(2)} s from the click to "12 of 12 done" in the panel vs ` +
    `${(idealMs / 1000).toFixed(2)} s ideal (${over} % over; target within 15 %). ` +
    `The test driver, polling, saw ${(driverMs / 1000).toFixed(2)} s.`
)
process.exitCode = wallMs <= idealMs * 1.15 ? 0 : 1
