/**
 * Focuses `element` when focus has fallen to <body>, as it does when the focused button is removed
 * or hidden; focus the user put somewhere else is left alone.
 */
export function takeLostFocus(element: HTMLElement | null | undefined): void {
  if (!element?.isConnected) return
  const active = element.ownerDocument.activeElement
  if (active === null || active === element.ownerDocument.body) element.focus()
}
