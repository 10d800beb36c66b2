/**
 * @module
 * Builds the plugin for a test server, bundles the harness, serves it on loopback and opens Debian's
 * Chromium through playwright-core.
 */
import { execFileSync } from 'node:child_process'
import { readFile, writeFile, mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { build } from 'esbuild'
import { type Browser, chromium } from 'playwright-core'

import { buildPlugin } from '../../../scripts/build-plugin.mjs'

export interface Harness {
  url: string
  browser: Browser
  close(): Promise<void>
}

/** Finds Chromium: $CHROMIUM_PATH, else `command -v chromium`. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  }).trim()
}

/** `serverUrls`: the Peel servers the test manifest allows; the first is the build's default. */
export async function startHarness(serverUrls: string[]): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'peel-harness-'))
  const manifest = JSON.parse(await readFile('manifest.json', 'utf8')) as Record<string, unknown>
  const manifestPath = join(dir, 'manifest.json')
  await writeFile(
    manifestPath,
    JSON.stringify({
      ...manifest,
      networkAccess: { allowedDomains: ['none'], devAllowedDomains: serverUrls },
    })
  )
  await buildPlugin({ outdir: dir, serverUrl: serverUrls[0], manifestPath })
  await build({
    entryPoints: { worker: 'test/e2e/harness/worker.ts', page: 'test/e2e/harness/page.ts' },
    outdir: dir,
    bundle: true,
    format: 'iife',
    target: 'chrome110',
    logLevel: 'warning',
  })
  const files: Record<string, [string, string]> = {
    '/': [join('test/e2e/harness/index.html'), 'text/html'],
    '/page.js': [join(dir, 'page.js'), 'text/javascript'],
    '/worker.js': [join(dir, 'worker.js'), 'text/javascript'],
    '/code.js': [join(dir, 'code.js'), 'text/javascript'],
    '/ui.html': [join(dir, 'ui.html'), 'text/html'],
  }
  const server = createServer((req, res) => {
    const file = files[req.url ?? '']
    if (file === undefined) {
      res.writeHead(404).end()
      return
    }
    readFile(file[0]).then(
      (body) => res.writeHead(200, { 'content-type': file[1] }).end(body),
      () => res.writeHead(500).end()
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] })
  return {
    url: `http://127.0.0.1:${String(port)}/`,
    browser,
    async close() {
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
