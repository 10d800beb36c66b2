import type { Mode } from '../../protocol/messages'

const LABELS: Record<Mode, { title: string; hint: string }> = {
  create: { title: 'Create', hint: 'Nothing selected: text to image.' },
  edit: { title: 'Edit', hint: 'Selected layers go as references.' },
  iterate: { title: 'Iterate', hint: 'Continue from the selected Peel result.' },
}

/** Says which of the three modes the selection puts the panel in. */
export function ModeBadge({ mode }: { mode: Mode }) {
  const label = LABELS[mode]
  return (
    <div class="mode" role="status" aria-live="polite" data-mode={mode}>
      <span class="mode-title">{label.title}</span>
      <span class="mode-hint">{label.hint}</span>
    </div>
  )
}
