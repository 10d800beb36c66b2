import type { Ref } from 'preact'

/** Generate, with its shortcut, or the sentence saying why it is not ready. */
export function GenerateActions(props: {
  ready: { ok: true } | { ok: false; reason: string }
  onGenerate: () => void
  buttonRef: Ref<HTMLButtonElement>
}) {
  const { ready } = props
  return (
    <div class="actions">
      <button
        ref={props.buttonRef}
        type="button"
        class="primary"
        disabled={!ready.ok}
        onClick={props.onGenerate}
        aria-keyshortcuts="Control+Enter Meta+Enter"
      >
        Generate
      </button>
      {ready.ok ? (
        <span class="muted">Ctrl/⌘ + Enter</span>
      ) : (
        <span class="muted" data-testid="blocked">
          {ready.reason}
        </span>
      )}
    </div>
  )
}
