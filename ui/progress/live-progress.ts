import type { ProgressEvent } from '../../protocol/events'
import type { RunUpdate, Stage } from '../generate/run-generation'

/** What the progress panel shows while a run streams. */
export interface LiveProgress {
  stage: Stage
  startedAt: number
  /** The server's stage, when it has said one. */
  server?: ProgressEvent['stage']
  /** The latest interim draft, as a data URL. */
  preview?: string
  /** The latest line of the model's thinking. */
  thought?: string
  /** Set while a dropped connection is being retried with the same key. */
  reconnecting?: { attempt: number; of: number }
}

/** The progress after one update; pure, so every event kind is handled in one place. */
export function applyUpdate(progress: LiveProgress, update: RunUpdate): LiveProgress {
  if (update.kind === 'stage') return { ...progress, stage: update.stage }
  const event = update.update
  switch (event.kind) {
    case 'progress':
      return { ...progress, server: event.progress.stage, reconnecting: undefined }
    case 'thought':
      return { ...progress, thought: event.text.replace(/\s+/g, ' ').trim() }
    case 'preview':
      return {
        ...progress,
        preview: `data:${event.image.mimeType};base64,${event.image.data}`,
      }
    case 'reconnecting':
      return { ...progress, reconnecting: { attempt: event.attempt, of: event.of } }
  }
}
