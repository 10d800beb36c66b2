import type { ErrorCode } from '../protocol/errors'

/** Failures the client itself detects, besides the server's own codes. */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'aborted' | 'bad_reply'

/** What the user should do next for each failure, shown under the server's message. */
export function nextStep(code: ClientErrorCode): string {
  switch (code) {
    case 'unauthorized':
      return 'Check the access token in Settings.'
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
