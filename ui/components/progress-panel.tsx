import type { ProgressEvent } from '../../protocol/events'
import type { LiveProgress } from '../hooks/use-generation'
import { useElapsed } from '../hooks/use-elapsed'

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

/** Stage, elapsed time, the latest draft and thought of a running generation, and Cancel. */
export function ProgressPanel(props: { progress: LiveProgress; onCancel: () => void }) {
  const { progress } = props
  const seconds = useElapsed(progress.startedAt)
  return (
    <div class="progress" role="status" aria-live="polite">
      <div class="progress-row">
        <span class="spinner" aria-hidden="true" />
        <span data-testid="stage">{stageText(progress)}</span>
        <span class="elapsed" data-testid="elapsed">
          {seconds.toFixed(1)} s
        </span>
        <button type="button" class="secondary" onClick={props.onCancel}>
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
