import { useEffect, useState } from 'preact/hooks'

import type { ModelInfo } from '../../protocol/api'
import type { SelectionSummary } from '../../protocol/messages'
import type { PinnedFrame } from '../../protocol/style-kit'
import { BatchSection } from '../components/batch-section'
import { ConversationNotice } from '../components/conversation-notice'
import { GenerateActions } from '../components/generate-actions'
import { OptionsPanel } from '../components/options-panel'
import { ProgressPanel } from '../components/progress-panel'
import { PromptChain } from '../components/prompt-chain'
import { PromptField } from '../components/prompt-field'
import { ReferenceList } from '../components/reference-list'
import { RunOutcome } from '../components/run-outcome'
import { generationInput, type Role } from '../generate/generation-input'
import type { useBatch } from '../hooks/use-batch'
import { useBatchSetup } from '../hooks/use-batch-setup'
import { useConversationNotice } from '../hooks/use-conversation-notice'
import { useFocusAfterRun } from '../hooks/use-focus-after-run'
import type { useGeneration } from '../hooks/use-generation'
import { useThumbnails } from '../hooks/use-thumbnails'
import { matchedRatio } from '../options/matched-ratio'
import type { Options } from '../options/options'
import type { RpcClient } from '../rpc'

/** Create, Edit and Iterate: references, prompt, options, Generate, progress and the result. */
export function GenerateView(props: {
  rpc: RpcClient
  summary: SelectionSummary
  models: ModelInfo[]
  options: Options
  onOptions: (options: Options) => void
  generation: ReturnType<typeof useGeneration>
  batches: ReturnType<typeof useBatch>
  refresh: () => void
  /** Style kit frames this run uses; none when the kit is off. */
  kit: readonly PinnedFrame[]
}) {
  const { rpc, summary, models, options, kit, refresh } = props
  const { state, start, cancel, setState } = props.generation
  const { batch } = props.batches
  const [prompt, setPrompt] = useState('')
  const [roles, setRoles] = useState(new Map<string, Role>())
  const model = models.find((m) => m.id === options.model)
  const refNodes = summary.mode === 'edit' ? summary.nodes : []
  const thumbnails = useThumbnails(
    rpc,
    refNodes.map((n) => n.id)
  )
  const matched = matchedRatio(summary, roles, model)
  const input = generationInput({ summary, prompt, model, options, matched, roles, kit })
  const conversation = useConversationNotice(rpc, summary.iterate, model, summary)
  useEffect(() => {
    if (state.kind === 'done') refresh()
  }, [state, refresh])
  const imageSize = options.size
  const setup = useBatchSetup(
    { summary, roles, model, prompt, imageSize, kit },
    props.batches.start
  )
  const running = state.kind === 'running' || batch?.running === true
  const go = (): void => {
    if (!running && input.ok) void start(input.value)
  }
  const focus = useFocusAfterRun(running, batch === undefined)

  return (
    <>
      {summary.iterate === undefined ? null : <PromptChain target={summary.iterate} />}
      <ConversationNotice notice={conversation} />
      {summary.mode === 'edit' ? (
        <ReferenceList
          nodes={refNodes}
          thumbnails={thumbnails}
          roles={roles}
          maxReferences={model?.maxReferences}
          extra={kit.filter((k) => !refNodes.some((n) => n.id === k.nodeId)).length}
          onRole={(id, role) => {
            setRoles(new Map(roles).set(id, role))
          }}
        />
      ) : null}
      <PromptField
        mode={summary.mode}
        value={prompt}
        onInput={setPrompt}
        onSubmit={go}
        fieldRef={focus.promptField}
      />
      {models.length > 0 ? (
        <OptionsPanel
          models={models}
          options={options}
          matched={matched}
          onChange={props.onOptions}
        />
      ) : null}
      <BatchSection setup={setup} batches={props.batches} disabled={running} />
      {state.kind === 'running' ? (
        <ProgressPanel progress={state} onCancel={cancel} />
      ) : batch?.running === true ? null : (
        <GenerateActions ready={input} onGenerate={go} buttonRef={focus.generateButton} />
      )}
      <RunOutcome rpc={rpc} state={state} setState={setState} refresh={refresh} />
    </>
  )
}
