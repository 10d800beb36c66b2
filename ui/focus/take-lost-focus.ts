/**
 * Focuses `element` when focus has fallen to <body>, as it does when the focused button is removed
 * or hidden; focus the user put somewhere else is left alone, including outside the panel (the
 * Figma canvas), where focusing would pull keystrokes meant for the canvas into the plugin.
 */
export function takeLostFocus(element: HTMLElement | null | undefined): void {
  if (!element?.isConnected) return
  const document = element.ownerDocument
  if (!document.hasFocus()) return
  const active = document.activeElement
  if (active === null || active === document.body) element.focus()
}
