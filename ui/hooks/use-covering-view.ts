import { useEffect, useRef, useState } from 'preact/hooks'

import { takeLostFocus } from '../focus/take-lost-focus'

export type View = 'main' | 'settings' | 'history'

/**
 * Which view covers the main one, and focus as views change: the button that opened or closed a
 * view was hidden with focus on it, so on the way in focus goes to the covering view's heading (a
 * screen reader starts there), and on the way back to that button.
 */
export function useCoveringView() {
  const [view, setView] = useState<View>('main')
  const opener = useRef<HTMLButtonElement>(null)
  const open = (next: 'settings' | 'history') => (event: Event) => {
    opener.current = event.currentTarget as HTMLButtonElement
    setView(next)
  }
  const back = (): void => {
    setView('main')
  }
  useEffect(() => {
    if (view === 'main') takeLostFocus(opener.current)
    else
      takeLostFocus(
        document.querySelector<HTMLElement>('form.settings h2, main.panel:not([hidden]) h2')
      )
  }, [view])
  return { view, open, back }
}
