import type { Config, Upstream } from './config'
import { startSimulator } from './simulator/start-simulator'
import type { RunningSimulator } from './simulator/start-simulator'

/**
 * The upstream `config` names, with the bundled simulator started in this process when it names
 * the simulator but no address for one.
 */
export async function startUpstream(
  config: Config
): Promise<{ upstream: Upstream; simulator?: RunningSimulator }> {
  const { upstream } = config
  if (upstream.mode !== 'simulator' || upstream.baseUrl !== undefined) return { upstream }
  const simulator = await startSimulator({ port: 0, latencyMs: config.simulator.latencyMs })
  return { upstream: { ...upstream, baseUrl: simulator.url }, simulator }
}
