// `npm run screenshots`: bundles the TypeScript screenshot runner for Node and runs it.
import { build } from 'esbuild'

const outfile = 'node_modules/.cache/peel/take-screenshots.mjs'
await build({
  entryPoints: ['test/e2e/take-screenshots.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
})
const { takeScreenshots } = await import(`../${outfile}`)
const written = await takeScreenshots()
console.log(`Wrote ${written.length} screenshots:\n${written.join('\n')}`)
