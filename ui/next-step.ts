import type { ErrorCode } from '../protocol/errors'

/** Failures the client itself detects, besides the server's own codes. */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'aborted' | 'bad_reply'

// Words too common to tell two pieces of advice apart.
const COMMON = new Set(['then', 'that', 'this', 'with', 'your', 'when', 'peel', 'ready'])

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((word) => !COMMON.has(word))
}

/**
 * True when `message` already gives the advice of `step`: most of the step's words are in it.
 * Server messages are sentences that say what to do, so the generic step often repeats them.
 */
export function repeats(message: string, step: string): boolean {
  const said = new Set(words(message).map(stem))
  const advice = words(step).map(stem)
  if (advice.length === 0) return true
  const known = advice.filter((word) => said.has(word)).length
  return known / advice.length >= 0.5
}

// "references" and "reference", "settings" and "setting" say the same thing.
function stem(word: string): string {
  return word.endsWith('s') ? word.slice(0, -1) : word
}

/**
 * What the user should do next, shown under the message only when it adds something: pass the
 * message it would follow to have repeated advice dropped.
 */
export function nextStep(code: ClientErrorCode, message = ''): string {
  const step = genericStep(code)
  return message !== '' && repeats(message, step) ? '' : step
}

function genericStep(code: ClientErrorCode): string {
  switch (code) {
    case 'unauthorized':
      return 'Check the access token in Settings.'
    case 'forbidden':
      return 'Open Peel from the Figma plugin, or add this address to PEEL_CORS_ORIGINS or PEEL_ALLOWED_HOSTS on the server.'
    case 'request_timeout':
      return 'Check the connection to the Peel server, then try again.'
    case 'unsupported_media_type':
      return 'Update the Peel plugin; it sent the request in a form this server does not take.'
    case 'content_blocked':
      return 'Rephrase the prompt or remove a reference, then generate again.'
    case 'payload_too_large':
      return 'Remove a reference or shorten the prompt.'
    case 'invalid_request':
      return 'Shorten the prompt or remove a reference, then try again.'
    case 'rate_limited':
      return 'Wait a minute, then try again.'
    case 'not_found':
      return 'Check the server address in Settings; it may be an older Peel server.'
    case 'upstream_error':
    case 'upstream_unavailable':
    case 'internal':
      return 'Try again in a moment.'
    case 'upstream_timeout':
    case 'timeout':
      return 'Try again; a smaller size or fewer references is faster.'
    case 'network':
      return 'Check that the Peel server is running and its address in Settings is right.'
    case 'bad_reply':
      return 'Check that the address in Settings points at a Peel server.'
    case 'conflict':
      return 'Wait for the running generation to finish, then try again.'
    case 'aborted':
    case 'cancelled':
      return 'Nothing was placed. Generate again when ready.'
  }
}
