// Builds what `npm start` runs: the server bundle, the Figma plugin and Peel Studio.
// Usage: node scripts/build.mjs [--server-only] [--bench]
import { existsSync } from 'node:fs'
import { build } from 'esbuild'

const serverOnly = process.argv.includes('--server-only')
const started = performance.now()

await build({
  entryPoints: [
    './server/index.ts',
    './server/simulator-main.ts',
    ...(process.argv.includes('--bench')
      ? ['./bench/overhead.ts', './bench/bench.ts', './bench/load.ts']
      : []),
  ],
  outdir: 'dist',
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies stay in node_modules: sharp ships native code and the SDK is large.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})

if (!serverOnly && existsSync('scripts/build-plugin.mjs')) {
  const { buildPlugin } = await import('./build-plugin.mjs')
  const { buildStudio } = await import('./build-studio.mjs')
  await Promise.all([buildPlugin(), buildStudio()])
}

console.log(`Built in ${Math.round(performance.now() - started)} ms.`)
