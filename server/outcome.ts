import type { GenerateResponse } from '../protocol/api'
import type { AppError } from './errors'

/** How a generation ended: its reply, or the error its callers get. */
export type Outcome = { ok: true; body: GenerateResponse } | { ok: false; error: AppError }
