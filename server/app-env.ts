import type { BodyAccount } from './middleware/body-budget'
import type { ErrorCode } from '../protocol/errors'
import type { TokenSpec } from './parse-tokens'

/** Hono's typed context for Peel: values middleware sets for later ones. */
export interface AppEnv {
  Variables: {
    requestId: string
    /** The caller's token; unset on a tokenless loopback server. */
    token?: TokenSpec
    /** The model a generation used, for the request log. */
    model?: string
    /** Upstream attempts a generation made, for the request log. */
    attempts?: number
    /**
     * Set by admission: takes over this request's share of the in-flight byte budget, which then
     * stays held until the returned function is called (a streamed reply outlives its handler).
     */
    keepAdmitted?: () => () => void
    /** Set by admission: the request's share of the in-flight body budget. */
    bodyAccount?: BodyAccount
    /** Set by a streamed reply: settles when the stream ends, with what the client was told. */
    streamOutcome?: Promise<StreamOutcome>
  }
}

/** How a streamed generation ended for its client. */
export type StreamOutcome =
  { ok: true; status: 200 } | { ok: false; code: ErrorCode; status: number }

/** Whose request this is: the token's name, or `local` on a tokenless loopback server. */
export function ownerOf(token: TokenSpec | undefined): string {
  return token?.name ?? 'local'
}
