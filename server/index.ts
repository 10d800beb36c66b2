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
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(
      `${signal}: finishing ${server.inFlight} running generation(s) (up to ${config.shutdownGraceMs} ms)…`
    )
    void server.shutdown(config.shutdownGraceMs).then(({ abandoned }) => {
      if (abandoned > 0) console.log(`Stopped with ${abandoned} generation(s) unfinished.`)
      process.exit(0)
    })
  }
  process.on('SIGINT', () => {
    stop('SIGINT')
  })
  process.on('SIGTERM', () => {
    stop('SIGTERM')
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
