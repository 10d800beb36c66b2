/**
 * @module
 * `POST /v1/generations` as the server holds it: the protocol's request, except that image data
 * may be `Base64Bytes` cut straight from the body instead of a string (see `parseJsonWithBlobs`).
 */
import type { z } from 'zod'
import { requestSchemas } from '../../protocol/api'
import { Base64DataSchema } from '../images/base64-bytes'

const schemas = requestSchemas(Base64DataSchema)

export const GenerationRequestSchema = schemas.GenerateRequest
export type GenerationRequest = z.infer<typeof GenerationRequestSchema>
export type GenerationReference = z.infer<typeof schemas.Reference>
export type GenerationTurn = z.infer<typeof schemas.Turn>
