import type { StoredSettings } from '../../protocol/settings'
import type { ConnectionState } from '../hooks/use-connection'
import { useSettingsDraft } from '../hooks/use-settings-draft'
import { ConnectionStatus } from './connection-status'
import { SecretField } from './secret-field'
import { ServerField } from './server-field'

/** Server, access token and own Gemini key, saved through main into clientStorage. */
export function SettingsPanel(props: {
  settings: StoredSettings
  serverUrls: readonly string[]
  connection: ConnectionState
  onSave: (settings: StoredSettings) => Promise<void>
  onCheck: () => void
  onClose: () => void
}) {
  const { draft, edit, problem, saved, save } = useSettingsDraft(props.settings, props.onSave)
  return (
    <form class="settings" aria-label="Settings">
      <h2 tabIndex={-1}>Settings</h2>
      <ServerField
        serverUrls={props.serverUrls}
        value={draft.serverUrl}
        onChange={(serverUrl) => {
          edit({ ...draft, serverUrl })
        }}
      />
      <SecretField
        label="Access token"
        value={draft.token}
        onInput={(token) => {
          edit({ ...draft, token })
        }}
      />
      <SecretField
        label="Own Gemini API key (optional)"
        value={draft.geminiKey}
        onInput={(geminiKey) => {
          edit({ ...draft, geminiKey })
        }}
      />
      {problem === undefined ? null : (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <ConnectionStatus connection={props.connection} />
      <div class="row">
        <button
          type="submit"
          onClick={(e) => {
            // Figma's sandboxed iframe may block form submission (no allow-forms), so Save acts on
            // its own click; Enter in a field clicks it too, and preventDefault stops a second save.
            void save(e)
          }}
        >
          Save
        </button>
        <span class="muted" role="status" data-testid="saved">
          {saved ? 'Saved.' : ''}
        </span>
        <button type="button" class="secondary" onClick={props.onCheck}>
          Check connection
        </button>
        <button type="button" class="secondary" onClick={props.onClose}>
          Done
        </button>
      </div>
    </form>
  )
}
