// Builds the Figma plugin: dist/plugin/code.js (main thread) and one self-contained ui.html.
// The server URL is fixed at build time (PEEL_SERVER_URL) and must be allowed by manifest.json,
// or Figma's CSP would block every request at run time; the build fails early instead.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { context } from 'esbuild'

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787'

const DEFAULT_PORTS = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' }

/** Whether one manifest networkAccess entry lets the plugin reach `url` (a URL object). */
export function domainAllows(entry, url) {
  if (entry === 'none') return false
  if (entry === '*') return true
  const schemeMatch = /^([a-z]+):\/\//.exec(entry)
  if (schemeMatch !== null && `${schemeMatch[1]}:` !== url.protocol) return false
  const rest = schemeMatch === null ? entry : entry.slice(schemeMatch[0].length)
  const slash = rest.indexOf('/')
  const hostPort = slash === -1 ? rest : rest.slice(0, slash)
  const path = slash === -1 ? '' : rest.slice(slash)
  const [host, port] = hostPort.split(':')
  const urlPort = url.port === '' ? DEFAULT_PORTS[url.protocol] : url.port
  if (port !== undefined && port !== urlPort) return false
  const hostOk = host.startsWith('*.')
    ? url.hostname.endsWith(host.slice(1))
    : url.hostname === host
  return hostOk && url.pathname.startsWith(path === '' ? '/' : path)
}

/**
 * Checks `serverUrl` against the manifest and returns every exact server URL the manifest names,
 * the build's own first, for the Settings picker. Throws an Error that says how to fix it.
 */
export function checkServerUrl(serverUrl, manifest) {
  let url
  try {
    url = new URL(serverUrl)
  } catch {
    throw new Error(`PEEL_SERVER_URL "${serverUrl}" is not a URL. Use e.g. ${DEFAULT_SERVER_URL}.`)
  }
  const access = manifest.networkAccess ?? {}
  const entries = [...(access.allowedDomains ?? []), ...(access.devAllowedDomains ?? [])]
  if (!entries.some((entry) => domainAllows(entry, url))) {
    throw new Error(
      `The server URL ${url.origin} is not allowed by manifest.json, so Figma would block every ` +
        `request to it. Add "${url.origin}" to networkAccess.allowedDomains (or devAllowedDomains ` +
        `for a local server), or set PEEL_SERVER_URL to an allowed address.`
    )
  }
  const exact = entries
    .filter((e) => /^https?:\/\/[^*]+$/.test(e))
    .map((e) => e.replace(/\/+$/, ''))
  const own = serverUrl.replace(/\/+$/, '')
  return [own, ...exact.filter((e) => e !== own)]
}

function uiHtml(js, css) {
  // A literal "</script" inside the bundle would end the inline script early.
  const safeJs = js.replaceAll('</script', '<\\/script')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Peel</title>
<style>${css}</style>
</head>
<body>
<div id="app"></div>
<script>${safeJs}</script>
</body>
</html>
`
}

/** Writes ui.html from the UI bundle's in-memory output on every (re)build. */
function inlineUi(outdir) {
  return {
    name: 'inline-ui',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length > 0 || result.outputFiles === undefined) return
        const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? ''
        const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? ''
        await writeFile(join(outdir, 'ui.html'), uiHtml(js, css))
      })
    },
  }
}

/**
 * Builds the plugin. Options (all optional): `watch` keeps rebuilding on change; `outdir`,
 * `serverUrl` and `manifestPath` let tests build against their own server and manifest.
 */
export async function buildPlugin({
  watch = false,
  outdir = 'dist/plugin',
  serverUrl = process.env.PEEL_SERVER_URL ?? DEFAULT_SERVER_URL,
  manifestPath = 'manifest.json',
  minify = !watch,
} = {}) {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
  const serverUrls = checkServerUrl(serverUrl, manifest)
  await mkdir(outdir, { recursive: true })
  const define = {
    __PEEL_SERVER_URL__: JSON.stringify(serverUrls[0]),
    __PEEL_SERVER_URLS__: JSON.stringify(serverUrls),
  }
  const common = { bundle: true, define, minify, logLevel: 'warning', legalComments: 'none' }
  const main = await context({
    ...common,
    entryPoints: ['plugin/main.ts'],
    outfile: join(outdir, 'code.js'),
    format: 'iife',
    // Figma's sandbox runs ES2020 (house style); nothing newer reaches it.
    target: 'es2020',
  })
  const ui = await context({
    ...common,
    entryPoints: ['ui/main.tsx'],
    outdir: join(outdir, 'ui-assets'),
    write: false,
    format: 'iife',
    target: 'chrome110',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    plugins: [inlineUi(outdir)],
  })
  if (watch) {
    await Promise.all([main.watch(), ui.watch()])
    console.log(`Watching plugin/ and ui/ → ${outdir} (server ${serverUrls[0]}).`)
    return { dispose: () => Promise.all([main.dispose(), ui.dispose()]) }
  }
  await Promise.all([main.rebuild(), ui.rebuild()])
  await Promise.all([main.dispose(), ui.dispose()])
  return { outdir, serverUrl: serverUrls[0], dispose: async () => undefined }
}

// `node scripts/build-plugin.mjs [--watch]` (npm run dev) builds or watches the plugin alone.
if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  try {
    await buildPlugin({ watch: process.argv.includes('--watch') })
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
