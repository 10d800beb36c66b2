import type { StoredSettings } from '../protocol/settings'
import { PanelHeader } from './components/panel-header'
import { PanelNotices } from './components/panel-notices'
import { SettingsPanel } from './components/settings-panel'
import { StyleKitPanel } from './components/style-kit-panel'
import { useApiClient } from './hooks/use-api-client'
import { useBatch } from './hooks/use-batch'
import { useConnection } from './hooks/use-connection'
import { useCoveringView } from './hooks/use-covering-view'
import { useGeneration } from './hooks/use-generation'
import { useOptions } from './hooks/use-options'
import { usePluginState } from './hooks/use-plugin-state'
import { useStyleKit } from './hooks/use-style-kit'
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
  const api = useApiClient(settings)
  const { connection, models, modelsError, check } = useConnection(api)
  const generation = useGeneration(rpc, api)
  const batches = useBatch(rpc, api)
  const styleKit = useStyleKit(rpc)
  const [options, setOptions] = useOptions(models)
  // Settings and History cover the main view rather than replace it, so the prompt, roles and a
  // running generation's progress survive a trip there (say, to fix a token after "unauthorized").
  const { view, open, back } = useCoveringView()
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
        <PanelHeader
          mode={summary.mode}
          connection={connection.status}
          onHistory={open('history')}
          onSettings={open('settings')}
        />
        <PanelNotices
          notices={[notice, ...summary.notices]}
          connection={connection}
          modelsError={modelsError}
        />
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
