import { useEffect, useMemo, useState } from 'preact/hooks'

import type { StoredSettings } from '../protocol/settings'
import { createApiClient } from './api-client'
import { ErrorPanel } from './components/error-panel'
import { ModeBadge } from './components/mode-badge'
import { type Options, OptionsPanel } from './components/options-panel'
import { ProgressPanel } from './components/progress-panel'
import { PromptChain } from './components/prompt-chain'
import { ReferenceList, type Role } from './components/reference-list'
import { SettingsPanel } from './components/settings-panel'
import { useConnection } from './hooks/use-connection'
import { useGeneration } from './hooks/use-generation'
import { usePluginState } from './hooks/use-plugin-state'
import { useThumbnails } from './hooks/use-thumbnails'
import { nearestAspectRatio } from './options/nearest-aspect-ratio'
import type { RpcClient } from './rpc'
import { generationInput } from './generate/generation-input'

/** The whole panel: mode, references, prompt, options, generate, and settings. */
export function App({
  rpc,
  defaults,
  serverUrls,
}: {
  rpc: RpcClient
  defaults: StoredSettings
  serverUrls: readonly string[]
}) {
  const { summary, settings, notice, save, refresh } = usePluginState(rpc, defaults)
  const api = useMemo(
    () =>
      settings === undefined
        ? undefined
        : createApiClient({
            baseUrl: settings.serverUrl,
            token: settings.token,
            geminiKey: settings.geminiKey,
          }),
    [settings]
  )
  const { connection, models, modelsError, check } = useConnection(api)
  const { state, start, cancel } = useGeneration(rpc, api)
  const [view, setView] = useState<'main' | 'settings'>('main')
  const [prompt, setPrompt] = useState('')
  const [roles, setRoles] = useState(new Map<string, Role>())
  const [options, setOptions] = useState<Options>({ model: '', ratio: 'match', size: undefined })

  const model = models.find((m) => m.id === options.model)
  useEffect(() => {
    if (model !== undefined || models.length === 0) return
    const fallback = models.find((m) => m.default) ?? models[0]
    if (fallback !== undefined)
      setOptions({
        model: fallback.id,
        ratio: 'match',
        size: fallback.imageSizes.includes('1K') ? '1K' : fallback.imageSizes[0],
      })
  }, [models, model])

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
  const input = generationInput({ summary, prompt, model, options, matched, roles })
  useEffect(() => {
    if (state.kind === 'done') refresh()
  }, [state, refresh])
  const running = state.kind === 'running'
  const go = (): void => {
    if (!running && input.ok) void start(input.value)
  }

  if (view === 'settings' && settings !== undefined) {
    return (
      <SettingsPanel
        settings={settings}
        serverUrls={serverUrls}
        connection={connection}
        onCheck={check}
        onClose={() => {
          setView('main')
        }}
        onSave={save}
      />
    )
  }
  return (
    <main class="panel">
      <header>
        <ModeBadge mode={summary.mode} />
        <button
          type="button"
          class="secondary"
          data-status={connection.status}
          aria-label={`Settings (server ${connection.status})`}
          onClick={() => {
            setView('settings')
          }}
        >
          Settings
        </button>
      </header>
      {[notice, ...summary.notices]
        .filter((n) => n !== undefined)
        .map((n) => (
          <p class="notice" key={n}>
            {n}
          </p>
        ))}
      {connection.status === 'offline' ? <ErrorPanel error={connection.error} /> : null}
      {modelsError === undefined ? null : <ErrorPanel error={modelsError} />}
      {summary.iterate === undefined ? null : <PromptChain target={summary.iterate} />}
      {summary.mode === 'edit' ? (
        <ReferenceList
          nodes={refNodes}
          thumbnails={thumbnails}
          roles={roles}
          maxReferences={model?.maxReferences}
          onRole={(id, role) => {
            setRoles(new Map(roles).set(id, role))
          }}
        />
      ) : null}
      <label class="prompt">
        {summary.mode === 'iterate' ? 'What should change?' : 'Prompt'}
        <textarea
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
        <OptionsPanel models={models} options={options} matched={matched} onChange={setOptions} />
      ) : null}
      {running ? (
        <ProgressPanel stage={state.stage} startedAt={state.startedAt} onCancel={cancel} />
      ) : (
        <div class="actions">
          <button
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
        <p class="done" role="status">
          Placed “{state.placed.map((p) => p.name).join('”, “')}” in {state.seconds.toFixed(1)} s.
        </p>
      ) : null}
    </main>
  )
}
