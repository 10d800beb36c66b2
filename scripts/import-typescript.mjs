// Bundles one TypeScript module for Node with esbuild and imports it, so npm scripts can run the
// TypeScript benchmark and screenshot runners without a TypeScript loader.
import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export async function importTypeScript(entry) {
  const outfile = `node_modules/.cache/peel/${basename(entry, '.ts')}.mjs`
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  return import(pathToFileURL(outfile).href)
}
