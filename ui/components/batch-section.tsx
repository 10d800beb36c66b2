import type { useBatch } from '../hooks/use-batch'
import type { useBatchSetup } from '../hooks/use-batch-setup'
import { BatchActions } from './batch-actions'
import { BatchPanel } from './batch-panel'

/** Apply style to the selected frames while no batch runs, and the batch's progress once it does. */
export function BatchSection(props: {
  setup: ReturnType<typeof useBatchSetup>
  batches: ReturnType<typeof useBatch>
  disabled: boolean
}) {
  const { setup, batches } = props
  const { batch } = batches
  return (
    <>
      {setup.plan === undefined || batch?.running === true ? null : (
        <BatchActions
          plan={setup.plan}
          concurrency={setup.concurrency}
          disabled={props.disabled}
          onConcurrency={setup.setConcurrency}
          onStart={setup.start}
        />
      )}
      {batch === undefined ? null : (
        <BatchPanel
          batch={batch}
          onRetry={batches.retry}
          onCancel={batches.cancel}
          onClose={batches.dismiss}
        />
      )}
    </>
  )
}
