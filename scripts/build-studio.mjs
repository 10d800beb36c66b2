// Builds Peel Studio, the web page the server serves at /studio: hashed assets under
// dist/studio/assets (cached for good) and an index.html that names them (never cached).
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { build } from 'esbuild'

function indexHtml(script, style) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light dark" />
<title>Peel Studio</title>
<link rel="icon" href="data:," />
<link rel="stylesheet" href="/studio/assets/${style}" />
<script type="module" src="/studio/assets/${script}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`
}

/** Builds the studio into `outdir` (default dist/studio) and returns its asset names. */
export async function buildStudio({ outdir = 'dist/studio', minify = true } = {}) {
  const assets = join(outdir, 'assets')
  await rm(outdir, { recursive: true, force: true })
  await mkdir(assets, { recursive: true })
  const result = await build({
    entryPoints: ['studio/main.tsx'],
    outdir: assets,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    target: 'chrome110',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  })
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path))
  const script = outputs.find((name) => name.endsWith('.js'))
  const style = outputs.find((name) => name.endsWith('.css'))
  if (script === undefined || style === undefined)
    throw new Error('The studio build made no JS or CSS.')
  await writeFile(join(outdir, 'index.html'), indexHtml(script, style))
  return { outdir, script, style }
}
