/**
 * @module
 * The one next step for every failure code a client of the Peel server can show, under the
 * message that came with it. The message (from the server or from this client) already says what
 * went wrong and the first thing to try; the step is what to do beyond that, so it never depends
 * on the message's wording.
 */
import type { ErrorCode } from '../protocol/errors'

/** Failures the client itself detects, besides the server's own codes. */
export type ClientOnlyCode = 'network' | 'timeout' | 'aborted' | 'bad_reply'

/** Every code a failure talking to the server can carry: the server's and the client's own. */
export type ClientErrorCode = ErrorCode | ClientOnlyCode

// A code added to `ErrorCode` without its step here fails to compile.
export const CLIENT_NEXT_STEPS = {
  // The server's codes (protocol/errors.ts).
  invalid_request: 'Check the prompt, the references and the options above, then generate again.',
  unauthorized:
    'Open Settings, enter the access token from whoever runs the Peel server, and Save.',
  forbidden:
    'Open Peel from the Figma plugin, or add this address to PEEL_CORS_ORIGINS or PEEL_ALLOWED_HOSTS on the server.',
  not_found: 'Check the server address in Settings; it may be an older Peel server.',
  request_timeout: 'Check the connection to the Peel server, then try again.',
  conflict: 'Generate again: Peel sends a new request each time.',
  payload_too_large: 'Use fewer references, or smaller frames as references, then generate again.',
  unsupported_media_type:
    'Update the Peel plugin; it sent the request in a form this server does not take.',
  content_blocked:
    'Describe the scene in other words, or leave out the reference that may have set off the filter.',
  rate_limited:
    'Limits reset on their own; if this keeps happening, ask whoever runs the Peel server for a higher limit.',
  cancelled: 'Nothing was placed. Generate again when ready.',
  internal:
    'If it keeps happening, reopen Peel and report it with the request id, if one is shown.',
  upstream_error:
    'If it keeps failing, choose another model, or tell whoever runs the Peel server.',
  upstream_unavailable: 'Your prompt and references are kept here, so Generate again in a moment.',
  upstream_timeout: 'Fewer references or a simpler prompt also finish sooner.',
  // The client's own.
  network: 'Check that the Peel server is running and its address in Settings is right.',
  timeout: 'Try again; a smaller size or fewer references is faster.',
  aborted: 'Nothing was placed. Run it again when ready.',
  bad_reply: 'Check that the address in Settings points at a Peel server.',
} satisfies Record<ClientErrorCode, string>

/** What the user should do next after a failure with this code, shown under its message. */
export function nextStep(code: ClientErrorCode): string {
  return CLIENT_NEXT_STEPS[code]
}
