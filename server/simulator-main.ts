/**
 * @module
 * `npm run simulator`: a local Gemini stand-in that Peel (or any `@google/genai` client) can be
 * pointed at, with real images and Gemini's request rules.
 */
import { loadConfig } from './config'
import { startSimulator } from './simulator/start-simulator'

async function main(): Promise<void> {
  const { simulator } = loadConfig(process.env)
  const sim = await startSimulator({ port: simulator.port, latencyMs: simulator.latencyMs })
  console.log(
    `Gemini simulator listening on ${sim.url}; point Peel at it with: GEMINI_BASE_URL=${sim.url} npm start`
  )
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
