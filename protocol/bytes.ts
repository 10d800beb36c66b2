import { z } from 'zod'

/** Bytes travel as `Uint8Array`: structured clone copies them once, `number[]` would inflate them. */
export const BytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  message: 'Expected image bytes as a Uint8Array.',
})
