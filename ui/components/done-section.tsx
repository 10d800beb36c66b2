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
              // Main leaves locked variants, and any inside a component, where they are.
              const left = others.filter((o) => !removed.includes(o.nodeId)).length
              props.setState({
                ...state,
                placed: [keep],
                notice:
                  left === 0
                    ? state.notice
                    : `${left === 1 ? 'One other variant stays' : `${left} other variants stay`} on the canvas because ${left === 1 ? 'it is' : 'they are'} locked or inside a component. Delete ${left === 1 ? 'it' : 'them'} by hand if you don’t want ${left === 1 ? 'it' : 'them'}.`,
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
