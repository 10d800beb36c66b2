import type { SelectedNode } from '../../protocol/messages'
import type { Role } from '../generate/generation-input'

/** The selected nodes with thumbnails, a Style toggle each (off: subject), and the count against the limit. */
export function ReferenceList(props: {
  nodes: SelectedNode[]
  thumbnails: Map<string, string>
  roles: Map<string, Role>
  maxReferences: number | undefined
  /** References sent besides these nodes (the style kit), counted against the limit too. */
  extra?: number
  onRole: (nodeId: string, role: Role) => void
}) {
  const usable = props.nodes.filter((n) => n.problem === undefined).length + (props.extra ?? 0)
  const over = props.maxReferences !== undefined && usable > props.maxReferences
  return (
    <section class="references" aria-label="References">
      <h2>
        References{' '}
        <span class={over ? 'count over' : 'count'} data-testid="reference-count">
          {usable} / {props.maxReferences ?? '–'}
        </span>
      </h2>
      {over ? (
        <p class="problem" role="alert">
          This model takes at most {props.maxReferences} references. Deselect{' '}
          {usable - (props.maxReferences ?? 0)} or choose another model.
        </p>
      ) : null}
      <ul>
        {props.nodes.map((node) => {
          const role = props.roles.get(node.id) ?? 'subject'
          const thumb = props.thumbnails.get(node.id)
          return (
            <li
              key={node.id}
              class={node.problem === undefined ? 'ref' : 'ref bad'}
              data-node-id={node.id}
            >
              {thumb === undefined ? (
                <span class="thumb empty" />
              ) : (
                <img class="thumb" src={thumb} alt="" />
              )}
              <span class="ref-name" title={node.name}>
                {node.name}
                {node.problem === undefined ? (
                  <span class="muted" data-testid="role">
                    {role === 'style' ? 'Style reference' : 'Subject'}
                  </span>
                ) : null}
                {node.message === undefined ? null : <span class="problem">{node.message}</span>}
              </span>
              {node.problem === undefined ? (
                // A toggle keeps one name and shows its state by aria-pressed; a name that changed
                // with the state (or named the action) would not match what voice control hears.
                <button
                  type="button"
                  class="role"
                  aria-pressed={role === 'style'}
                  aria-label={`Style reference: ${node.name}`}
                  onClick={() => {
                    props.onRole(node.id, role === 'style' ? 'subject' : 'style')
                  }}
                >
                  Style
                </button>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
