import { useState } from 'preact/hooks'

import type { StoredSettings } from '../../protocol/settings'
import { StoredSettingsSchema } from '../../protocol/settings'
import type { ConnectionState } from '../hooks/use-connection'

const STATUS: Record<ConnectionState['status'], string> = {
  checking: 'Checking…',
  online: 'Online',
  simulator: 'Online (simulator)',
  offline: 'Offline',
}

/** Server, access token and own Gemini key, saved through main into clientStorage. */
export function SettingsPanel(props: {
  settings: StoredSettings
  serverUrls: readonly string[]
  connection: ConnectionState
  onSave: (settings: StoredSettings) => Promise<void>
  onCheck: () => void
  onClose: () => void
}) {
  const [draft, setDraft] = useState(props.settings)
  const [problem, setProblem] = useState<string>()
  const save = async (event: Event): Promise<void> => {
    event.preventDefault()
    const parsed = StoredSettingsSchema.safeParse(draft)
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check the settings.')
      return
    }
    setProblem(undefined)
    await props.onSave(parsed.data)
  }
  return (
    <form class="settings" aria-label="Settings" onSubmit={(e) => void save(e)}>
      <h2>Settings</h2>
      {props.serverUrls.length > 1 ? (
        <label>
          Server
          <select
            value={draft.serverUrl}
            onChange={(e) => {
              setDraft({ ...draft, serverUrl: e.currentTarget.value })
            }}
          >
            {props.serverUrls.map((url) => (
              <option key={url} value={url}>
                {url}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p class="muted">Server: {draft.serverUrl}</p>
      )}
      <label>
        Access token
        <input
          type="password"
          autoComplete="off"
          value={draft.token}
          onInput={(e) => {
            setDraft({ ...draft, token: e.currentTarget.value })
          }}
        />
      </label>
      <label>
        Own Gemini API key (optional)
        <input
          type="password"
          autoComplete="off"
          value={draft.geminiKey}
          onInput={(e) => {
            setDraft({ ...draft, geminiKey: e.currentTarget.value })
          }}
        />
      </label>
      {problem === undefined ? null : (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <p class="connection" data-status={props.connection.status} data-testid="connection">
        <span class="dot" aria-hidden="true" /> {STATUS[props.connection.status]}
        {props.connection.status === 'offline' ? ` — ${props.connection.error.nextStep}` : ''}
      </p>
      <div class="row">
        <button type="submit">Save</button>
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
