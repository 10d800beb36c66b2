import type { SelectedNode } from '../../protocol/messages'
import type { StyleKitState } from '../hooks/use-style-kit'

/**
 * The document's brand style references, offered in every mode: use them in this run, pin the
 * selected frames, or unpin one. Pinned frames count against the model's reference limit.
 */
export function StyleKitPanel(props: { state: StyleKitState; selection: SelectedNode[] }) {
  const { kit, problem, use, setUse, pin, unpin } = props.state
  const pinnable = props.selection.filter(
    (n) => n.problem === undefined && !kit.frames.some((f) => f.nodeId === n.id)
  )
  return (
    <section class="style-kit" aria-label="Style kit">
      <div class="row spread">
        <label class="inline">
          <input
            type="checkbox"
            checked={use}
            disabled={kit.frames.length === 0}
            onChange={(e) => {
              setUse(e.currentTarget.checked)
            }}
          />
          Use style kit ({kit.frames.length})
        </label>
        <button
          type="button"
          class="secondary"
          disabled={pinnable.length === 0}
          onClick={() => {
            pin(pinnable.map((n) => n.id))
          }}
        >
          {pinnable.length > 1 ? `Pin ${String(pinnable.length)} as style` : 'Pin as style'}
        </button>
      </div>
      {kit.frames.length === 0 ? (
        <p class="muted">Pin brand frames here to use them as style references in every mode.</p>
      ) : (
        <ul class="kit-frames">
          {kit.frames.map((frame) => (
            <li key={frame.nodeId} data-testid="kit-frame">
              <span class="batch-name">{frame.name}</span>
              <button
                type="button"
                class="secondary"
                aria-label={`Unpin “${frame.name}”`}
                onClick={() => {
                  unpin(frame.nodeId)
                }}
              >
                Unpin
              </button>
            </li>
          ))}
        </ul>
      )}
      {[...kit.notices, ...(problem === undefined ? [] : [problem])].map((n) => (
        <p class="notice" key={n} role="status">
          {n}
        </p>
      ))}
    </section>
  )
}
