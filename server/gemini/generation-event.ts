import type { ImageData } from '../../protocol/api'

/** Where a generation stands, as the progress events report it. */
export type GenerationStage =
  'queued' | 'sending' | 'thinking' | 'drafting' | 'retrying' | 'finishing'

/** What a generation reports while it runs; `result` and `error` are sent by the route. */
export type GenerationEvent =
  | { type: 'progress'; stage: GenerationStage; attempt: number; delayMs?: number }
  | { type: 'thought'; text: string }
  | { type: 'preview'; image: ImageData }
