import type { Ref } from 'preact'

import type { Mode } from '../../protocol/messages'

/** The prompt, labelled for the mode; Ctrl/⌘ + Enter submits. */
export function PromptField(props: {
  mode: Mode
  value: string
  onInput: (prompt: string) => void
  onSubmit: () => void
  fieldRef: Ref<HTMLTextAreaElement>
}) {
  return (
    <label class="prompt">
      {props.mode === 'iterate' ? 'What should change?' : 'Prompt'}
      <textarea
        ref={props.fieldRef}
        rows={4}
        value={props.value}
        placeholder={
          props.mode === 'create' ? 'Describe the image you want' : 'Describe the change'
        }
        onInput={(e) => {
          props.onInput(e.currentTarget.value)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            props.onSubmit()
          }
        }}
      />
    </label>
  )
}
