import { useEffect, useMemo, useRef, useState } from 'preact/hooks'

import type { StoredSettings } from '../protocol/settings'
import { createApiClient } from './api-client'
import { ErrorPanel } from './components/error-panel'
import { ModeBadge } from './components/mode-badge'
import { SettingsPanel } from './components/settings-panel'
import { StyleKitPanel } from './components/style-kit-panel'
import { takeLostFocus } from './focus/take-lost-focus'
import { useBatch } from './hooks/use-batch'
import { useConnection } from './hooks/use-connection'
import { useGeneration } from './hooks/use-generation'
import { usePluginState } from './hooks/use-plugin-state'
import { useStyleKit } from './hooks/use-style-kit'
import type { Options } from './options/options'
import type { RpcClient } from './rpc'
import { GenerateView } from './views/generate-view'
import { HistoryView } from './views/history-view'

/** The whole panel: mode, the Generate view, and settings and history over it. */
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
  const generation = useGeneration(rpc, api)
  const batches = useBatch(rpc, api)
  const styleKit = useStyleKit(rpc)
  const [view, setView] = useState<'main' | 'settings' | 'history'>('main')
  const [options, setOptions] = useState<Options>({
    model: '',
    ratio: 'match',
    size: undefined,
    variants: 1,
  })

  const model = models.find((m) => m.id === options.model)
  useEffect(() => {
    if (model !== undefined || models.length === 0) return
    const fallback = models.find((m) => m.default) ?? models[0]
    if (fallback !== undefined)
      setOptions((current) => ({
        ...current,
        model: fallback.id,
        ratio: 'match',
        size: fallback.imageSizes.includes('1K') ? '1K' : fallback.imageSizes[0],
      }))
  }, [models, model])

  // Settings and History cover the main view rather than replace it, so the prompt, roles and a
  // running generation's progress survive a trip there (say, to fix a token after "unauthorized").
  const opener = useRef<HTMLButtonElement>(null)
  const open = (next: 'settings' | 'history') => (event: Event) => {
    opener.current = event.currentTarget as HTMLButtonElement
    setView(next)
  }
  const back = (): void => {
    setView('main')
  }
  useEffect(() => {
    // The button that opened or closed a view was hidden with focus on it: on the way in, focus
    // goes to the covering view's heading (so a screen reader starts there), on the way back to
    // that button.
    if (view === 'main') takeLostFocus(opener.current)
    else
      takeLostFocus(
        document.querySelector<HTMLElement>('form.settings h2, main.panel:not([hidden]) h2')
      )
  }, [view])
  const covered = view === 'history' || (view === 'settings' && settings !== undefined)
  return (
    <>
      {view === 'settings' && settings !== undefined ? (
        <SettingsPanel
          settings={settings}
          serverUrls={serverUrls}
          connection={connection}
          onCheck={check}
          onClose={back}
          onSave={save}
        />
      ) : null}
      {view === 'history' ? (
        <main class="panel">
          <HistoryView rpc={rpc} onClose={back} />
        </main>
      ) : null}
      <main class="panel" hidden={covered}>
        <header>
          <ModeBadge mode={summary.mode} />
          <div class="header-actions">
            <button type="button" class="secondary" onClick={open('history')}>
              History
            </button>
            <button
              type="button"
              class="secondary"
              data-status={connection.status}
              aria-label={`Settings (server ${connection.status})`}
              onClick={open('settings')}
            >
              Settings
            </button>
          </div>
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
        <StyleKitPanel state={styleKit} selection={summary.mode === 'edit' ? summary.nodes : []} />
        <GenerateView
          rpc={rpc}
          summary={summary}
          models={models}
          options={options}
          onOptions={setOptions}
          generation={generation}
          batches={batches}
          refresh={refresh}
          kit={styleKit.use ? styleKit.kit.frames : []}
        />
      </main>
    </>
  )
}
