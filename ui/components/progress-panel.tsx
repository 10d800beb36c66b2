import type { Stage } from '../generate/run-generation'
import { useElapsed } from '../hooks/use-elapsed'

const STAGES: Record<Stage, string> = {
  exporting: 'Exporting references…',
  generating: 'Generating with Gemini…',
  placing: 'Placing the result…',
}

/** Elapsed time and stage of a running generation, with the Cancel button. */
export function ProgressPanel(props: { stage: Stage; startedAt: number; onCancel: () => void }) {
  const seconds = useElapsed(props.startedAt)
  return (
    <div class="progress" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span data-testid="stage">{STAGES[props.stage]}</span>
      <span class="elapsed" data-testid="elapsed">
        {seconds.toFixed(1)} s
      </span>
      <button type="button" class="secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  )
}
