/**
 * @module
 * *Peel → Generate* from the command palette: the same run the panel makes on the current
 * selection (Create, Edit or Iterate), with the default model and the frame's aspect ratio, in
 * this hidden iframe because only here can a request be timed out and aborted. Main places the
 * result, and the outcome is one sentence shown as Figma closes the plugin.
 */
import { createApiClient } from '../../client/api-client'
import type { ModelInfo } from '../../protocol/api'
import type { StoredSettings } from '../../protocol/settings'
import { generationInput } from '../generate/generation-input'
import { runGeneration } from '../generate/run-generation'
import { nextStep } from '../next-step'
import { nearestAspectRatio } from '../options/nearest-aspect-ratio'
import type { PanelError } from '../panel-error'
import type { RpcClient } from '../rpc'

/** A failure as Figma's notification shows it: the message, then what to do next. */
function sentence(error: PanelError): string {
  return `Peel: ${error.message} ${nextStep(error.code)}`
}

function defaultModel(models: ModelInfo[]): ModelInfo | undefined {
  return models.find((m) => m.default) ?? models[0]
}

/** The outcome as one sentence, and whether it is a failure. */
async function quickOutcome(
  rpc: RpcClient,
  defaults: StoredSettings,
  prompt: string
): Promise<{ message: string; error: boolean }> {
  const stored = await rpc.call('getSettings', {})
  const settings = stored.settings ?? defaults
  const api = createApiClient({ ...settings, baseUrl: settings.serverUrl })
  const catalogue = await api.models()
  if (!catalogue.ok) {
    return { message: sentence(catalogue.error), error: true }
  }
  const model = defaultModel(catalogue.data.models)
  const summary = await rpc.call('getSelection', {})
  const subject = summary.iterate?.entry.image ?? summary.nodes.find((n) => n.problem === undefined)
  const input = generationInput({
    summary,
    prompt,
    model,
    options: { model: model?.id ?? '', ratio: 'match', size: '1K', variants: 1 },
    matched:
      subject === undefined || model === undefined
        ? undefined
        : nearestAspectRatio(model.aspectRatios, subject.width, subject.height),
    roles: new Map(),
    kit: [],
  })
  if (!input.ok) return { message: `Peel: ${input.reason}`, error: true }
  const outcome = await runGeneration(
    { rpc, api },
    { ...input.value, origin: 'quick' },
    new AbortController().signal,
    () => undefined
  )
  if (!outcome.ok) {
    return { message: sentence(outcome.error), error: true }
  }
  const names = outcome.placed.map((p) => p.name).join('”, “')
  return { message: `Peel placed “${names}”.`, error: false }
}

/** Runs the quick action and always ends the plugin with a sentence, whatever happened. */
export async function runQuickAction(
  rpc: RpcClient,
  defaults: StoredSettings,
  prompt: string
): Promise<void> {
  let result: { message: string; error: boolean }
  try {
    result = await quickOutcome(rpc, defaults, prompt)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    result = { message: `Peel could not finish: ${detail}`, error: true }
  }
  await rpc.call('finishQuick', result)
}
