import type { PlacedNode } from '../../protocol/messages'
import type { PanelError } from '../panel-error'
import { ErrorPanel } from './error-panel'

/**
 * What a finished run placed. With several variants each gets a Keep button that removes the
 * others, so picking one is a single click and a single undo step.
 */
export function ResultPanel(props: {
  placed: PlacedNode[]
  failed: PanelError[]
  seconds: number
  notice?: string
  onKeep: (keep: PlacedNode, others: PlacedNode[]) => void
}) {
  const { placed } = props
  return (
    <section class="done" role="status" aria-label="Result">
      <p>
        Placed “{placed.map((p) => p.name).join('”, “')}” in {props.seconds.toFixed(1)} s.
      </p>
      {props.notice === undefined ? null : (
        <p class="muted" data-testid="conversation-result">
          {props.notice}
        </p>
      )}
      {placed.length > 1 ? (
        <ul class="variants">
          {placed.map((node, i) => (
            <li key={node.nodeId}>
              <span>{node.name}</span>
              <button
                type="button"
                class="secondary"
                aria-label={`Keep variant ${String(i + 1)} and remove the others`}
                onClick={() => {
                  props.onKeep(
                    node,
                    placed.filter((p) => p !== node)
                  )
                }}
              >
                Keep
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {props.failed.map((error, i) => (
        <ErrorPanel key={i} error={error} />
      ))}
    </section>
  )
}
