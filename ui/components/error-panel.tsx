import type { ClientError } from '../api-client'
import { nextStep } from '../next-step'

/** The message, then the code's next step under it; never a stack. */
export function ErrorPanel({ error }: { error: ClientError }) {
  return (
    <div class="error" role="alert" data-code={error.code}>
      <p class="error-message">{error.message}</p>
      <p class="error-next">{nextStep(error.code)}</p>
      {error.requestId === undefined ? null : <p class="error-id">Request {error.requestId}</p>}
    </div>
  )
}
