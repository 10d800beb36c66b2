/**
 * @module
 * Runs the simulator on a real loopback port, for the SDK and for `npm run simulator`.
 */
import { listen } from '../listen'
import { createSimulatorApp } from './create-simulator-app'
import type { RecordedRequest, SimulatorOptions } from './simulator-options'

/** A listening simulator. */
export interface RunningSimulator {
  /** The base URL to give the SDK, e.g. `http://127.0.0.1:8788`. */
  url: string
  port: number
  requests: RecordedRequest[]
  /** Stops listening and drops open connections, hung `[sim:timeout]` requests included. */
  close(): Promise<void>
}

/** Starts a simulator; port 0 (the default) picks a free port. */
export async function startSimulator({
  port = 0,
  host = '127.0.0.1',
  ...options
}: SimulatorOptions & { port?: number; host?: string } = {}): Promise<RunningSimulator> {
  const { app, requests } = createSimulatorApp(options)
  // Dropping the sockets on close aborts each request's signal, which clears pending timers.
  const listening = await listen(app.fetch, port, host)
  return { url: listening.url, port: listening.port, requests, close: () => listening.close() }
}
