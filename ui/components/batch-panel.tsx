import { useEffect, useRef } from 'preact/hooks'

import type { BatchState, ItemState } from '../batch/batch-state'
import { useElapsed } from '../hooks/use-elapsed'
import { ErrorPanel } from './error-panel'
import { takeLostFocus } from '../focus/take-lost-focus'

function describe(item: ItemState): string {
  switch (item.status) {
    case 'queued':
      return 'Waiting…'
    case 'running':
      return item.text
    case 'placed':
      return 'Placed'
    case 'failed':
      return 'Failed'
  }
}

/** "k of N" with one row per frame; failed rows have their own Retry. */
export function BatchPanel(props: {
  batch: BatchState
  onRetry: (index: number) => void
  onCancel: () => void
  onClose: () => void
}) {
  const { batch } = props
  const seconds = useElapsed(batch.running ? batch.startedAt : undefined)
  const total = batch.items.length
  const finished = batch.items.filter((i) => i.status === 'placed' || i.status === 'failed').length
  const placed = batch.items.filter((i) => i.status === 'placed').length
  // One button is Cancel batch, then Done, so focus on it stays put when the batch ends.
  const action = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    // Apply style was focused and is gone while the batch runs.
    if (batch.running) takeLostFocus(action.current)
  }, [batch.running])
  return (
    <section class="batch" aria-label="Batch">
      <div class="progress-row">
        {batch.running ? <span class="spinner" aria-hidden="true" /> : null}
        <h2 data-testid="batch-count" role="status" aria-live="polite">
          {finished} of {total} done
          {placed < finished ? ` (${String(finished - placed)} failed)` : ''}
        </h2>
        <span class="elapsed">{(batch.running ? seconds : (batch.seconds ?? 0)).toFixed(1)} s</span>
        <button
          ref={action}
          type="button"
          class="secondary"
          onClick={batch.running ? props.onCancel : props.onClose}
        >
          {batch.running ? 'Cancel batch' : 'Done'}
        </button>
      </div>
      <ol class="batch-items">
        {batch.plan.targets.map((target, index) => {
          const item = batch.items[index] ?? { status: 'queued' }
          return (
            <li key={target.nodeId} data-status={item.status} data-testid="batch-item">
              <span class="batch-name" title={target.name}>
                {target.name}
              </span>
              <span class="batch-state">{describe(item)}</span>
              {item.status === 'failed' ? (
                <button
                  type="button"
                  class="secondary"
                  disabled={batch.running}
                  aria-label={`Retry “${target.name}”`}
                  onClick={() => {
                    props.onRetry(index)
                  }}
                >
                  Retry
                </button>
              ) : null}
              {item.status === 'failed' ? <ErrorPanel error={item.error} /> : null}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
