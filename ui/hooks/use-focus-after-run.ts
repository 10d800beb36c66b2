import { useEffect, useRef } from 'preact/hooks'

import { takeLostFocus } from '../focus/take-lost-focus'

/**
 * Cancel, or the batch's Done, held focus and is gone: Generate comes back in its place, so focus
 * goes there (to the prompt while Generate waits for one). Not on the first render. Returns the
 * refs to attach to Generate and the prompt.
 */
export function useFocusAfterRun(running: boolean, batchDismissed: boolean) {
  const generateButton = useRef<HTMLButtonElement>(null)
  const promptField = useRef<HTMLTextAreaElement>(null)
  const settled = useRef(false)
  useEffect(() => {
    if (!settled.current) {
      settled.current = true
      return
    }
    if (running) return
    const button = generateButton.current
    takeLostFocus(button !== null && !button.disabled ? button : promptField.current)
  }, [running, batchDismissed])
  return { generateButton, promptField }
}
