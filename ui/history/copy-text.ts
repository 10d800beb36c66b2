/**
 * Copies text from the plugin iframe. Figma's iframe often blocks the async Clipboard API, so the
 * old way goes first: select a hidden textarea and `execCommand('copy')`, which works inside the
 * click that asked for it. The Clipboard API is the second try. False when both are refused.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.setAttribute('aria-hidden', 'true')
  // Off-screen rather than display:none, which cannot be selected.
  area.style.position = 'fixed'
  area.style.left = '-9999px'
  doc.body.appendChild(area)
  area.select()
  let copied: boolean
  try {
    // Deprecated, yet the one copy that works where the Clipboard API is blocked.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    copied = doc.execCommand('copy')
  } catch {
    copied = false
  } finally {
    area.remove()
  }
  if (copied) return true
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
