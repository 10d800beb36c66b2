import { useCallback, useRef, useState } from 'preact/hooks'

import type { ProgressEvent } from '../../protocol/events'
import type { PlacedNode } from '../../protocol/messages'
import type { ApiClient, ClientError } from '../api-client'
import {
  type GenerationInput,
  runGeneration,
  type RunUpdate,
  type Stage,
} from '../generate/run-generation'
import type { RpcClient } from '../rpc'

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

export type GenerationState =
  | ({ kind: 'running' } & LiveProgress)
  | { kind: 'error'; error: ClientError }
  | { kind: 'idle' }
  | { kind: 'cancelled' }
  | {
      kind: 'done'
      placed: PlacedNode[]
      failed: ClientError[]
      seconds: number
      notice?: string
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

/** Runs generations one at a time; `cancel` aborts the HTTP requests and the server's work. */
export function useGeneration(rpc: RpcClient, api: ApiClient | undefined) {
  const [state, setState] = useState<GenerationState>({ kind: 'idle' })
  const controller = useRef<AbortController>()

  const start = useCallback(
    async (input: GenerationInput) => {
      if (api === undefined || controller.current !== undefined) return
      const abort = new AbortController()
      controller.current = abort
      const startedAt = Date.now()
      let progress: LiveProgress = { stage: 'exporting', startedAt }
      setState({ kind: 'running', ...progress })
      const outcome = await runGeneration({ rpc, api }, input, abort.signal, (update) => {
        progress = applyUpdate(progress, update)
        setState({ kind: 'running', ...progress })
      })
      controller.current = undefined
      if (outcome.ok) {
        setState({
          kind: 'done',
          placed: outcome.placed,
          failed: outcome.failed,
          seconds: (Date.now() - startedAt) / 1000,
          notice: outcome.notice,
        })
      } else if (outcome.error.code === 'aborted') setState({ kind: 'cancelled' })
      else setState({ kind: 'error', error: outcome.error })
    },
    [rpc, api]
  )

  const cancel = useCallback(() => {
    controller.current?.abort()
  }, [])

  return { state, setState, start, cancel }
}
