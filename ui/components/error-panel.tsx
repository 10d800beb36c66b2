import { nextStep } from '../next-step'
import type { PanelError } from '../panel-error'

/** The message, then the code's next step under it; never a stack. */
export function ErrorPanel({ error }: { error: PanelError }) {
  return (
    <div class="error" role="alert" data-code={error.code}>
      <p class="error-message">{error.message}</p>
      <p class="error-next">{nextStep(error.code)}</p>
      {error.requestId === undefined ? null : <p class="error-id">Request {error.requestId}</p>}
    </div>
  )
}
