import { useEffect, useRef } from 'preact/hooks'

import { useElapsed } from '../hooks/use-elapsed'
import type { LiveProgress } from '../progress/live-progress'
import { stageText } from '../progress/stage-text'
import { takeLostFocus } from '../focus/take-lost-focus'

/**
 * Stage, elapsed time, the latest draft and thought of a running generation, and Cancel. Only the
 * stage is a live region: the time ticks every 250 ms and thoughts stream, which a screen reader
 * would read out without pause; both can still be read on demand.
 */
export function ProgressPanel(props: { progress: LiveProgress; onCancel: () => void }) {
  const { progress } = props
  const seconds = useElapsed(progress.startedAt)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    // Generate was focused and is gone; Cancel is what the keyboard needs next.
    takeLostFocus(cancel.current)
  }, [])
  return (
    <div class="progress">
      <div class="progress-row">
        <span class="spinner" aria-hidden="true" />
        <span data-testid="stage" role="status">
          {stageText(progress)}
        </span>
        <span class="elapsed" data-testid="elapsed">
          {seconds.toFixed(1)} s
        </span>
        <button ref={cancel} type="button" class="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {progress.preview === undefined ? null : (
        <img class="preview" data-testid="preview" src={progress.preview} alt="Draft preview" />
      )}
      {progress.thought === undefined || progress.thought === '' ? null : (
        <p class="thought" data-testid="thought" title={progress.thought}>
          {progress.thought}
        </p>
      )}
    </div>
  )
}
