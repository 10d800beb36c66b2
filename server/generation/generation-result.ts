/**
 * @module
 * A finished generation as the server holds it: the protocol's `GenerateResponse`, except that
 * image data may be `Base64Bytes` cut straight from Gemini's reply, written to the client as they
 * are (see `generateResponsePieces`).
 */
import type { GenerateResponse, ImageData } from '../../protocol/api'
import type { Base64Data } from '../images/base64-bytes'

export type ResultImageData = Omit<ImageData, 'data'> & { data: Base64Data }

export type ResultImage = ResultImageData & { original?: ResultImageData }

export type GenerationResult = Omit<GenerateResponse, 'images'> & { images: ResultImage[] }
