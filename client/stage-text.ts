import type { ProgressEvent } from '../protocol/events'

const SERVER: Record<ProgressEvent['stage'], string> = {
  queued: 'Queued…',
  sending: 'Sending to Gemini…',
  thinking: 'Gemini is thinking…',
  drafting: 'Drafting the image…',
  retrying: 'Gemini is busy; retrying…',
  finishing: 'Finishing…',
}

/** The sentence for a stage the server reports. */
export function serverStageText(stage: ProgressEvent['stage']): string {
  return SERVER[stage]
}

/** The sentence while a dropped stream reconnects. */
export function reconnectingText(attempt: number, of: number): string {
  return `Reconnecting… (try ${String(attempt)} of ${String(of)})`
}
