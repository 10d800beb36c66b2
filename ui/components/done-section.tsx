import { useState } from 'preact/hooks'

import type { GenerationState } from '../hooks/use-generation'
import type { RpcClient } from '../rpc'
import { ResultPanel } from './result-panel'

/** A finished run's result, with Keep for variants (one undo step in main). */
export function DoneSection(props: {
  rpc: RpcClient
  state: Extract<GenerationState, { kind: 'done' }>
  setState: (state: GenerationState) => void
  refresh: () => void
}) {
  const { rpc, state } = props
  const [keepError, setKeepError] = useState<string>()
  return (
    <>
      <ResultPanel
        placed={state.placed}
        failed={state.failed}
        seconds={state.seconds}
        notice={state.notice}
        onKeep={(keep, others) => {
          rpc
            .call('keepResult', { keep: keep.nodeId, remove: others.map((o) => o.nodeId) })
            .then(({ removed }) => {
              // Main leaves locked results, and any inside a component, where they are.
              const left = others.filter((o) => !removed.includes(o.nodeId)).length
              props.setState({
                ...state,
                placed: [keep],
                notice:
                  left === 0
                    ? state.notice
                    : `Peel left ${left === 1 ? 'one other result' : `${String(left)} other results`} alone: locked, inside a component, or no longer on the canvas. Delete what you don’t want by hand.`,
              })
              setKeepError(undefined)
              props.refresh()
            })
            .catch((e: unknown) => {
              setKeepError(e instanceof Error ? e.message : String(e))
            })
        }}
      />
      {keepError === undefined ? null : (
        <p class="problem" role="alert">
          {keepError}
        </p>
      )}
    </>
  )
}
