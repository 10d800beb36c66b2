/**
 * @module
 * The next step for every failure code the panel can show: the client's steps for the server's
 * and the client's own codes, and the panel's for main's codes over the bus.
 */
import { type ClientErrorCode, CLIENT_NEXT_STEPS } from '../client/next-step'
import type { BusErrorCode } from '../protocol/messages'

/** Every code a failure in the panel can carry: the server's, main's, and the client's own. */
export type PanelErrorCode = ClientErrorCode | BusErrorCode

// A code added to `BusErrorCode` without its step here fails to compile; one the client already
// has (`timeout`, `cancelled`, `internal`) keeps the client's step and may not be listed again.
const BUS_NEXT_STEPS = {
  bad_message: 'Close and reopen Peel; if it keeps happening, update the plugin.',
  unknown_method: 'Update the Peel plugin; its panel and its Figma side do not match.',
  invalid_params: 'Close and reopen Peel, then try again; if it keeps happening, report it.',
  invalid_result: 'If reopening Peel does not help, update the plugin.',
  node_not_found: 'Undo in Figma brings a deleted layer back; otherwise select another one.',
  export_failed: 'Deselect that layer, or select a frame, group, component or image instead.',
  image_rejected: 'Choose another size in the options, then generate again.',
  lineage_too_large:
    'Iterate with a shorter prompt, or select the image and start a new chain from it.',
  style_kit_full: 'Unpin the frames the style kit no longer needs.',
} satisfies Record<Exclude<BusErrorCode, ClientErrorCode>, string>

const NEXT_STEPS = { ...CLIENT_NEXT_STEPS, ...BUS_NEXT_STEPS } satisfies Record<
  PanelErrorCode,
  string
>

/** What the user should do next after a failure with this code, shown under its message. */
export function nextStep(code: PanelErrorCode): string {
  return NEXT_STEPS[code]
}
