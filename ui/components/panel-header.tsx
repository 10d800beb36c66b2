import type { Mode } from '../../protocol/messages'
import type { ConnectionState } from '../hooks/use-connection'
import { ModeBadge } from './mode-badge'

/** The mode, and the buttons that open History and Settings (named with the server's state). */
export function PanelHeader(props: {
  mode: Mode
  connection: ConnectionState['status']
  onHistory: (event: Event) => void
  onSettings: (event: Event) => void
}) {
  return (
    <header>
      <ModeBadge mode={props.mode} />
      <div class="header-actions">
        <button type="button" class="secondary" onClick={props.onHistory}>
          History
        </button>
        <button
          type="button"
          class="secondary"
          data-status={props.connection}
          aria-label={`Settings (server ${props.connection})`}
          onClick={props.onSettings}
        >
          Settings
        </button>
      </div>
    </header>
  )
}
