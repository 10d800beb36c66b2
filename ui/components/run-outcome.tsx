import type { GenerationState } from '../hooks/use-generation'
import type { RpcClient } from '../rpc'
import { DoneSection } from './done-section'
import { ErrorPanel } from './error-panel'

/** How the last run ended: its failure, a cancel, or its result. */
export function RunOutcome(props: {
  rpc: RpcClient
  state: GenerationState
  setState: (state: GenerationState) => void
  refresh: () => void
}) {
  const { state } = props
  return (
    <>
      {state.kind === 'error' ? <ErrorPanel error={state.error} /> : null}
      {state.kind === 'cancelled' ? (
        <p class="notice" role="status">
          Cancelled. Nothing was placed.
        </p>
      ) : null}
      {state.kind === 'done' ? (
        <DoneSection
          rpc={props.rpc}
          state={state}
          setState={props.setState}
          refresh={props.refresh}
        />
      ) : null}
    </>
  )
}
