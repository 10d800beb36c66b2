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

/** The connection's state as a polite live status line. */
export function ConnectionStatus({ connection }: { connection: ConnectionState }) {
  return (
    <p class="connection" data-status={connection.status} data-testid="connection" role="status">
      <span class="dot" aria-hidden="true" /> {statusLine(connection)}
    </p>
  )
}
