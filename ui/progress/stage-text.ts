import { reconnectingText, serverStageText } from '../../client/stage-text'
import type { LiveProgress } from './live-progress'

const OWN: Record<LiveProgress['stage'], string> = {
  exporting: 'Exporting references…',
  generating: 'Generating with Gemini…',
  placing: 'Placing the result…',
}

/** The sentence for where a run stands: reconnecting first, then the server's own stage. */
export function stageText(progress: LiveProgress): string {
  if (progress.reconnecting !== undefined) {
    const { attempt, of } = progress.reconnecting
    return reconnectingText(attempt, of)
  }
  if (progress.stage === 'generating' && progress.server !== undefined) {
    return serverStageText(progress.server)
  }
  return OWN[progress.stage]
}
