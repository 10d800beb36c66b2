import { useCallback, useRef, useState } from 'preact/hooks'

import type { ApiClient } from '../../client/api-client'
import type { PlacedNode } from '../../protocol/messages'
import type { GenerationInput } from '../generate/generation-input'
import { runGeneration } from '../generate/run-generation'
import type { PanelError } from '../panel-error'
import { applyUpdate, type LiveProgress } from '../progress/live-progress'
import type { RpcClient } from '../rpc'

export type GenerationState =
  | ({ kind: 'running' } & LiveProgress)
  | { kind: 'error'; error: PanelError }
  | { kind: 'idle' }
  | { kind: 'cancelled' }
  | {
      kind: 'done'
      placed: PlacedNode[]
      failed: PanelError[]
      seconds: number
      notice?: string
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
