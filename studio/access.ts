/**
 * @module
 * The studio's token, kept for this tab in sessionStorage, or on this device in localStorage only
 * when the person asks for it. Never in a URL, IndexedDB or a log.
 */
const KEY = 'peel.studio.token'

export function readToken(): string {
  return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY) ?? ''
}

export function saveToken(token: string, remember: boolean): void {
  forgetToken()
  ;(remember ? localStorage : sessionStorage).setItem(KEY, token)
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY)
  localStorage.removeItem(KEY)
}
