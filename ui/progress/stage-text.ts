import type { ProgressEvent } from '../../protocol/events'
import type { LiveProgress } from './live-progress'

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
