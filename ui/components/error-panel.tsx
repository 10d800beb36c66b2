import type { ClientError } from '../api-client'

/** The server's message and the next step; never a stack. */
export function ErrorPanel({ error }: { error: ClientError }) {
  return (
    <div class="error" role="alert" data-code={error.code}>
      <p class="error-message">{error.message}</p>
      {error.nextStep === '' ? null : <p class="error-next">{error.nextStep}</p>}
      {error.requestId === undefined ? null : <p class="error-id">Request {error.requestId}</p>}
    </div>
  )
}
