import { useCallback, useRef, useState } from 'preact/hooks'

import type { PlacedNode } from '../../protocol/messages'
import type { ApiClient, ClientError } from '../api-client'
import { type GenerationInput, runGeneration, type Stage } from '../generate/run-generation'
import type { RpcClient } from '../rpc'

export type GenerationState =
  | { kind: 'idle' }
  | { kind: 'running'; stage: Stage; startedAt: number }
  | { kind: 'error'; error: ClientError }
  | { kind: 'cancelled' }
  | { kind: 'done'; placed: PlacedNode[]; seconds: number }

/** Runs generations one at a time; `cancel` aborts the HTTP request itself. */
export function useGeneration(rpc: RpcClient, api: ApiClient | undefined) {
  const [state, setState] = useState<GenerationState>({ kind: 'idle' })
  const controller = useRef<AbortController>()

  const start = useCallback(
    async (input: GenerationInput) => {
      if (api === undefined || controller.current !== undefined) return
      const abort = new AbortController()
      controller.current = abort
      const startedAt = Date.now()
      setState({ kind: 'running', stage: 'exporting', startedAt })
      const outcome = await runGeneration({ rpc, api }, input, abort.signal, (stage) => {
        setState({ kind: 'running', stage, startedAt })
      })
      controller.current = undefined
      if (outcome.ok) {
        setState({ kind: 'done', placed: outcome.placed, seconds: (Date.now() - startedAt) / 1000 })
      } else if (outcome.error.code === 'aborted') setState({ kind: 'cancelled' })
      else setState({ kind: 'error', error: outcome.error })
    },
    [rpc, api]
  )

  const cancel = useCallback(() => {
    controller.current?.abort()
  }, [])

  return { state, start, cancel }
}
