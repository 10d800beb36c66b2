import type { ClientError } from '../../client/client-error'
import type { ConnectionState } from '../hooks/use-connection'
import { ErrorPanel } from './error-panel'

/** Main's notices, then why the server is offline or its models could not be read. */
export function PanelNotices(props: {
  notices: readonly (string | undefined)[]
  connection: ConnectionState
  modelsError: ClientError | undefined
}) {
  const { connection, modelsError } = props
  return (
    <>
      {props.notices
        .filter((n) => n !== undefined)
        .map((n) => (
          <p class="notice" key={n}>
            {n}
          </p>
        ))}
      {connection.status === 'offline' ? <ErrorPanel error={connection.error} /> : null}
      {modelsError === undefined ? null : <ErrorPanel error={modelsError} />}
    </>
  )
}
