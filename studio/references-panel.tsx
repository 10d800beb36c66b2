import type { StudioReference } from './reference-file'

interface ReferencesPanelProps {
  references: readonly StudioReference[]
  limit: number
  notice?: string
  onAdd: (files: FileList) => void
  onChange: (references: StudioReference[]) => void
}

/** The references sent with the prompt: added by picker, drop or paste; each a subject or a style. */
export function ReferencesPanel({
  references,
  limit,
  notice,
  onAdd,
  onChange,
}: ReferencesPanelProps) {
  const move = (from: number, to: number) => {
    const list = [...references]
    const [item] = list.splice(from, 1)
    if (item === undefined) return
    list.splice(to, 0, item)
    onChange(list)
  }
  return (
    <section class="card references" aria-label="References">
      <div class="references-head">
        <div class="field">
          <label for="studio-add">Add references</label>
          <input
            id="studio-add"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            multiple
            disabled={references.length >= limit}
            onChange={(event) => {
              const { files } = event.currentTarget
              if (files !== null) onAdd(files)
              event.currentTarget.value = ''
            }}
          />
        </div>
        <p class="count">
          {references.length} of {limit}
        </p>
      </div>
      <p class="hint">Or drop image files on the page, or paste one.</p>
      {notice !== undefined && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      {references.length > 0 && (
        <ol class="reference-list">
          {references.map((reference, index) => (
            <li key={reference.id}>
              <img
                src={`data:${reference.mimeType};base64,${reference.data}`}
                alt=""
                width={48}
                height={48}
              />
              <span class="name">{reference.name}</span>
              <button
                type="button"
                aria-pressed={reference.role === 'style'}
                aria-label={`Style reference: ${reference.name}`}
                onClick={() => {
                  onChange(
                    references.map((item) =>
                      item.id === reference.id
                        ? { ...item, role: item.role === 'style' ? 'subject' : 'style' }
                        : item
                    )
                  )
                }}
              >
                {reference.role === 'style' ? 'Style' : 'Subject'}
              </button>
              <button
                type="button"
                aria-label={`Move ${reference.name} up`}
                disabled={index === 0}
                onClick={() => {
                  move(index, index - 1)
                }}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${reference.name} down`}
                disabled={index === references.length - 1}
                onClick={() => {
                  move(index, index + 1)
                }}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${reference.name}`}
                onClick={() => {
                  onChange(references.filter((item) => item.id !== reference.id))
                }}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
