import type { ClientError } from '../client/client-error'
import type { PanelErrorCode } from './next-step'

/**
 * A failure the panel shows. Besides the client's own, it can be main's, with a bus code: an
 * export or a placement that failed in Figma.
 */
export type PanelError = ClientError<PanelErrorCode>
