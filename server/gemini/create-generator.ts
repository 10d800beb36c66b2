/**
 * @module
 * The generation service: one Gemini call per request, bounded by a deadline and cancelled when
 * the caller goes away.
 */
import { randomUUID } from 'node:crypto'
import type { GenerateRequest, GenerateResponse } from '../../protocol/api'
import type { Upstream } from '../config'
import { AppError, ClientClosedError } from '../errors'
import { fitForFigma } from '../images/fit-for-figma'
import { buildGeminiRequest } from './build-gemini-request'
import { createGenAiClient } from './create-genai-client'
import { mapGeminiError } from './map-gemini-error'
import type { ModelSpec } from './model-specs'
import { readGeminiReply } from './read-gemini-reply'

export interface GenerateOptions {
  /** The caller's own Gemini key (X-Gemini-Api-Key); used for this request only. */
  ownKey?: string
  /** Aborts when the client disconnects. */
  signal?: AbortSignal
}

export interface Generator {
  generate(
    request: GenerateRequest,
    spec: ModelSpec,
    options?: GenerateOptions
  ): Promise<GenerateResponse>
}

export interface GeneratorOptions {
  upstream: Upstream
  /** The whole upstream call's deadline. */
  timeoutMs: number
}

export function createGenerator({ upstream, timeoutMs }: GeneratorOptions): Generator {
  const serverClient = createGenAiClient(upstream)
  return {
    async generate(request, spec, { ownKey, signal } = {}) {
      const client = ownKey === undefined ? serverClient : createGenAiClient(upstream, ownKey)
      const deadline = AbortSignal.timeout(timeoutMs)
      const abortSignal = signal === undefined ? deadline : AbortSignal.any([signal, deadline])
      const { contents, config } = buildGeminiRequest(request, spec)
      let reply: unknown
      try {
        reply = await client.models.generateContent({
          model: spec.id,
          contents,
          config: { ...config, abortSignal },
        })
      } catch (error) {
        if (signal?.aborted === true) throw new ClientClosedError('The client disconnected.')
        if (deadline.aborted) {
          throw new AppError(
            'upstream_timeout',
            `Gemini did not answer within ${Math.round(timeoutMs / 1000)} s. Try again, or pick a smaller image size.`
          )
        }
        throw mapGeminiError(error, { ownKey: ownKey !== undefined, model: spec.id })
      }
      const output = readGeminiReply(reply)
      const images = await Promise.all(
        output.images.map((image) => fitForFigma(image.mimeType, image.data))
      )
      return {
        id: `gen_${randomUUID()}`,
        model: spec.id,
        images,
        ...(output.text === undefined ? {} : { text: output.text }),
        finishReason: output.finishReason,
        usage: output.usage,
      }
    },
  }
}
