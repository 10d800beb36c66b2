/**
 * @module
 * `npm start`: reads the environment, starts Peel and says how to use it. The only file with
 * process-level side effects.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadConfig } from './config'
import { startPeelServer } from './start-peel-server'

function notice(mode: string, url: string): string {
  const lines = [
    `Peel ${mode === 'simulator' ? 'is running in SIMULATOR mode' : `is calling ${mode === 'vertex' ? 'Vertex AI' : 'the Gemini API'}`} at ${url}`,
  ]
  if (mode === 'simulator') {
    lines.push(
      '  Images are SIMULATED locally; nothing is sent to Google.',
      '  To use real Gemini: GEMINI_API_KEY=<your key> npm start',
      '  (or GOOGLE_GENAI_USE_VERTEXAI=true with GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION for Vertex AI).'
    )
  }
  const manifest = resolve('manifest.json')
  if (existsSync(manifest)) {
    lines.push(`  In Figma: Plugins → Development → Import plugin from manifest… → ${manifest}`)
  }
  lines.push(`  Health: curl ${url}/health`)
  return lines.join('\n')
}

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const server = await startPeelServer(config)
  console.log(notice(server.mode, server.url))
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    void server.close().then(() => process.exit(0))
    // Hanging requests must not keep a stopped server alive.
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
