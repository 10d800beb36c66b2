import { useEffect, useRef } from 'preact/hooks'

import type { ProgressEvent } from '../../protocol/events'
import type { LiveProgress } from '../hooks/use-generation'
import { useElapsed } from '../hooks/use-elapsed'
import { takeLostFocus } from './take-lost-focus'

const OWN: Record<LiveProgress['stage'], string> = {
  exporting: 'Exporting references…',
  generating: 'Generating with Gemini…',
  placing: 'Placing the result…',
}

const SERVER: Record<ProgressEvent['stage'], string> = {
  queued: 'Queued…',
  sending: 'Sending to Gemini…',
  thinking: 'Gemini is thinking…',
  drafting: 'Drafting the image…',
  retrying: 'Gemini is busy; retrying…',
  finishing: 'Finishing…',
}

/** The sentence for where a run stands: reconnecting first, then the server's own stage. */
export function stageText(progress: LiveProgress): string {
  if (progress.reconnecting !== undefined) {
    const { attempt, of } = progress.reconnecting
    return `Reconnecting… (try ${String(attempt)} of ${String(of)})`
  }
  if (progress.stage === 'generating' && progress.server !== undefined) {
    return SERVER[progress.server]
  }
  return OWN[progress.stage]
}

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
