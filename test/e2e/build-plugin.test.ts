import { readFile, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { buildPlugin, checkServerUrl, domainAllows } from '../../scripts/build-plugin.mjs'

const manifest = JSON.parse(await readFile('manifest.json', 'utf8')) as {
  main: string
  ui: string
  networkAccess: { allowedDomains: string[]; devAllowedDomains: string[] }
}

describe('manifest networkAccess matching', () => {
  it('matches scheme, host, port, wildcards and path prefixes', () => {
    const url = (u: string): URL => new URL(u)
    expect(domainAllows('http://127.0.0.1:8787', url('http://127.0.0.1:8787'))).toBe(true)
    expect(domainAllows('http://127.0.0.1:8787', url('http://127.0.0.1:9999'))).toBe(false)
    expect(domainAllows('http://127.0.0.1:8787', url('https://127.0.0.1:8787'))).toBe(false)
    expect(domainAllows('*.example.com', url('https://peel.example.com'))).toBe(true)
    expect(domainAllows('*.example.com', url('https://example.org'))).toBe(false)
    expect(domainAllows('example.com/api/', url('https://example.com/api/peel'))).toBe(true)
    expect(domainAllows('example.com/api/', url('https://example.com/'))).toBe(false)
    expect(domainAllows('none', url('https://example.com/'))).toBe(false)
  })

  it('accepts the default URL and lists every exact server for Settings', () => {
    expect(checkServerUrl('http://127.0.0.1:8787', manifest)).toEqual([
      'http://127.0.0.1:8787',
      'http://localhost:8787',
    ])
  })

  it('fails with a sentence that says how to fix it', () => {
    expect(() => checkServerUrl('https://evil.example', manifest)).toThrow(
      /not allowed by manifest.json.*Add "https:\/\/evil.example" to networkAccess/
    )
    expect(() => checkServerUrl('nope', manifest)).toThrow(/not a URL/)
  })
})

describe('buildPlugin', () => {
  it('writes code.js and a self-contained ui.html where the manifest points', async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'peel-build-'))
    await buildPlugin({ outdir, minify: true })
    const html = await readFile(join(outdir, 'ui.html'), 'utf8')
    expect(html).toMatch(/<style>[^<]*--figma-color-bg/)
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect(html).toContain('"http://127.0.0.1:8787"')
    const code = await readFile(join(outdir, 'code.js'), 'utf8')
    expect(code).toContain('showUI')
    expect(manifest.main).toBe('dist/plugin/code.js')
    expect(manifest.ui).toBe('dist/plugin/ui.html')
  })

  it('refuses a server URL the manifest does not allow', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'peel-build-'))
    const path = join(dir, 'manifest.json')
    await writeFile(
      path,
      JSON.stringify({ ...manifest, networkAccess: { allowedDomains: ['none'] } })
    )
    await expect(buildPlugin({ outdir: dir, manifestPath: path })).rejects.toThrow(/not allowed/)
  })
})
