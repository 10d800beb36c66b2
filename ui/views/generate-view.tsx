import { useEffect, useRef, useState } from 'preact/hooks'

import type { ModelInfo } from '../../protocol/api'
import type { SelectionSummary } from '../../protocol/messages'
import type { PinnedFrame } from '../../protocol/style-kit'
import { planBatch } from '../batch/plan-batch'
import { BatchActions } from '../components/batch-actions'
import { BatchPanel } from '../components/batch-panel'
import { ErrorPanel } from '../components/error-panel'
import { OptionsPanel } from '../components/options-panel'
import { ProgressPanel } from '../components/progress-panel'
import { PromptChain } from '../components/prompt-chain'
import { ReferenceList } from '../components/reference-list'
import { DoneSection } from '../components/done-section'
import { takeLostFocus } from '../components/take-lost-focus'
import { generationInput, type Role } from '../generate/generation-input'
import { DEFAULT_CONCURRENCY, type useBatch } from '../hooks/use-batch'
import type { useGeneration } from '../hooks/use-generation'
import { useConversationNotice } from '../hooks/use-conversation-notice'
import { useThumbnails } from '../hooks/use-thumbnails'
import { nearestAspectRatio } from '../options/nearest-aspect-ratio'
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
  const { rpc, summary, models, options } = props
  const { state, start, cancel, setState } = props.generation
  const [prompt, setPrompt] = useState('')
  const [roles, setRoles] = useState(new Map<string, Role>())
  const [concurrency, setConcurrency] = useState(DEFAULT_CONCURRENCY)
  const [batchId, setBatchId] = useState(() => crypto.randomUUID())
  const { batch } = props.batches
  const model = models.find((m) => m.id === options.model)

  const refNodes = summary.mode === 'edit' ? summary.nodes : []
  const thumbnails = useThumbnails(
    rpc,
    refNodes.map((n) => n.id)
  )
  const subject =
    summary.iterate !== undefined
      ? summary.iterate.entry.image
      : refNodes.find((n) => n.problem === undefined && roles.get(n.id) !== 'style')
  const matched =
    subject === undefined || model === undefined
      ? undefined
      : nearestAspectRatio(model.aspectRatios, subject.width, subject.height)
  const { kit } = props
  const input = generationInput({ summary, prompt, model, options, matched, roles, kit })
  const conversation = useConversationNotice(rpc, summary.iterate, model, summary)
  const { refresh } = props
  useEffect(() => {
    if (state.kind === 'done') refresh()
  }, [state, refresh])
  const batchPlan =
    summary.mode === 'edit'
      ? planBatch({
          nodes: refNodes,
          roles,
          model,
          prompt,
          imageSize: options.size,
          id: batchId,
          kit,
        })
      : undefined
  const running = state.kind === 'running' || batch?.running === true
  const go = (): void => {
    if (!running && input.ok) void start(input.value)
  }
  const generateButton = useRef<HTMLButtonElement>(null)
  const promptField = useRef<HTMLTextAreaElement>(null)
  const settled = useRef(false)
  const dismissed = batch === undefined
  useEffect(() => {
    // Cancel, or the batch's Done, held focus and is gone: Generate comes back in its place, so
    // focus goes there (to the prompt while Generate waits for one). Not on the first render.
    if (!settled.current) {
      settled.current = true
      return
    }
    if (running) return
    const button = generateButton.current
    takeLostFocus(button !== null && !button.disabled ? button : promptField.current)
  }, [running, dismissed])

  return (
    <>
      {summary.iterate === undefined ? null : <PromptChain target={summary.iterate} />}
      {conversation === undefined ? null : (
        <p
          class={conversation.continues ? 'muted' : 'notice'}
          data-testid="conversation"
          role="status"
        >
          {conversation.text}
        </p>
      )}
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
      <label class="prompt">
        {summary.mode === 'iterate' ? 'What should change?' : 'Prompt'}
        <textarea
          ref={promptField}
          rows={4}
          value={prompt}
          placeholder={
            summary.mode === 'create' ? 'Describe the image you want' : 'Describe the change'
          }
          onInput={(e) => {
            setPrompt(e.currentTarget.value)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault()
              go()
            }
          }}
        />
      </label>
      {models.length > 0 ? (
        <OptionsPanel
          models={models}
          options={options}
          matched={matched}
          onChange={props.onOptions}
        />
      ) : null}
      {batchPlan === undefined || batch?.running === true ? null : (
        <BatchActions
          plan={batchPlan}
          concurrency={concurrency}
          disabled={running}
          onConcurrency={setConcurrency}
          onStart={(plan) => {
            props.batches.start(plan, concurrency)
            setBatchId(crypto.randomUUID())
          }}
        />
      )}
      {batch === undefined ? null : (
        <BatchPanel
          batch={batch}
          onRetry={props.batches.retry}
          onCancel={props.batches.cancel}
          onClose={props.batches.dismiss}
        />
      )}
      {state.kind === 'running' ? (
        <ProgressPanel progress={state} onCancel={cancel} />
      ) : batch?.running === true ? null : (
        <div class="actions">
          <button
            ref={generateButton}
            type="button"
            class="primary"
            disabled={!input.ok}
            onClick={go}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            Generate
          </button>
          {input.ok ? (
            <span class="muted">Ctrl/⌘ + Enter</span>
          ) : (
            <span class="muted" data-testid="blocked">
              {input.reason}
            </span>
          )}
        </div>
      )}
      {state.kind === 'error' ? <ErrorPanel error={state.error} /> : null}
      {state.kind === 'cancelled' ? (
        <p class="notice" role="status">
          Cancelled. Nothing was placed.
        </p>
      ) : null}
      {state.kind === 'done' ? (
        <DoneSection rpc={rpc} state={state} setState={setState} refresh={refresh} />
      ) : null}
    </>
  )
}
