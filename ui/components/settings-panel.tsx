import { useState } from 'preact/hooks'

import type { StoredSettings } from '../../protocol/settings'
import { StoredSettingsSchema } from '../../protocol/settings'
import type { ConnectionState } from '../hooks/use-connection'
import { nextStep } from '../next-step'

const STATUS: Record<ConnectionState['status'], string> = {
  checking: 'Checking…',
  online: 'Online',
  simulator: 'Online (simulator)',
  offline: 'Offline',
}

/** The connection in words; offline includes what went wrong and what to do about it. */
export function statusLine(connection: ConnectionState): string {
  if (connection.status !== 'offline') return STATUS[connection.status]
  const { code, message } = connection.error
  return `${STATUS.offline} — ${message} ${nextStep(code)}`
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
  const [saved, setSaved] = useState(false)
  const edit = (next: StoredSettings): void => {
    setDraft(next)
    setSaved(false)
  }
  const save = async (event: Event): Promise<void> => {
    event.preventDefault()
    const parsed = StoredSettingsSchema.safeParse(draft)
    setSaved(false)
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check the settings.')
      return
    }
    setProblem(undefined)
    try {
      await props.onSave(parsed.data)
      setSaved(true)
    } catch (e) {
      // Shown here, where the user can try again, not on the main view behind this panel.
      setProblem(`Your settings were not saved. ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return (
    <form class="settings" aria-label="Settings">
      <h2 tabIndex={-1}>Settings</h2>
      {props.serverUrls.length > 1 ? (
        <label>
          Server
          <select
            value={draft.serverUrl}
            onChange={(e) => {
              edit({ ...draft, serverUrl: e.currentTarget.value })
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
            edit({ ...draft, token: e.currentTarget.value })
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
            edit({ ...draft, geminiKey: e.currentTarget.value })
          }}
        />
      </label>
      {problem === undefined ? null : (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <p
        class="connection"
        data-status={props.connection.status}
        data-testid="connection"
        role="status"
      >
        <span class="dot" aria-hidden="true" /> {statusLine(props.connection)}
      </p>
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
