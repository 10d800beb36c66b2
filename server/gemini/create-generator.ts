/**
 * @module
 * The generation service: one Gemini generation per call, retried on transient failures within
 * a deadline, streamed when the caller wants progress, and cancelled through its signal.
 */
import { randomUUID } from 'node:crypto'
import type { GenerateRequest } from '../../protocol/api'
import type { GenerateResponse } from '../../protocol/api'
import type { Upstream } from '../config'
import { AppError } from '../errors'
import { fitForFigma } from '../images/fit-for-figma'
import { buildGeminiRequest, compactUserTurn } from './build-gemini-request'
import { createGenAiClient } from './create-genai-client'
import type { GenerationEvent } from './generation-event'
import { mapGeminiError } from './map-gemini-error'
import type { ModelSpec } from './model-specs'
import { readGeminiReply } from './read-gemini-reply'
import { readStream } from './stream-reply'
import { DEFAULT_RETRY_POLICY, withRetries } from './with-retries'
import type { RetryPolicy } from './with-retries'

export interface GenerateOptions {
  /** The caller's own Gemini key (X-Gemini-Api-Key); used for this request only. */
  ownKey?: string
  /** Aborts the upstream call: the caller left or cancelled. */
  signal?: AbortSignal
  /** Stream from Gemini and report thoughts and previews through `onEvent`. */
  stream?: boolean
  onEvent?: (event: GenerationEvent) => void
  /** The id the caller already announced; a new one is made otherwise. */
  id?: string
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
  /** The deadline for the whole generation, retries included. */
  timeoutMs: number
  retry?: RetryPolicy
}

export function createGenerator({
  upstream,
  timeoutMs,
  retry = DEFAULT_RETRY_POLICY,
}: GeneratorOptions): Generator {
  const serverClient = createGenAiClient(upstream)
  return { generate }

  async function generate(
    request: GenerateRequest,
    spec: ModelSpec,
    { ownKey, signal, stream = false, onEvent, id }: GenerateOptions = {}
  ): Promise<GenerateResponse> {
    const emit = onEvent ?? (() => undefined)
    const client = ownKey === undefined ? serverClient : createGenAiClient(upstream, ownKey)
    const deadline = Date.now() + timeoutMs
    const timeout = AbortSignal.timeout(timeoutMs)
    const abortSignal = signal === undefined ? timeout : AbortSignal.any([signal, timeout])
    const { contents, config } = buildGeminiRequest(request, spec)
    const params = {
      model: spec.id,
      contents,
      config: { ...config, abortSignal },
    }
    const context = { ownKey: ownKey !== undefined, model: spec.id }
    const classify = (error: unknown): AppError => {
      if (signal?.aborted === true) {
        return new AppError('cancelled', 'The generation was cancelled before it finished.')
      }
      if (timeout.aborted) {
        return new AppError(
          'upstream_timeout',
          `Gemini did not answer within ${Math.round(timeoutMs / 1000)} s. Try again, or pick a smaller image size.`
        )
      }
      return mapGeminiError(error, context)
    }
    const { value: output, attempts } = await withRetries(
      async ({ attempt }) => {
        emit({ type: 'progress', stage: 'sending', attempt })
        const reply = stream
          ? await readStream(
              await client.models.generateContentStream(params),
              emit,
              attempt,
              request.previews
            )
          : await client.models.generateContent(params)
        return readGeminiReply(reply)
      },
      {
        policy: retry,
        deadline,
        signal: abortSignal,
        classify,
        onRetry: ({ attempt, delayMs }) => {
          emit({ type: 'progress', stage: 'retrying', attempt: attempt + 1, delayMs })
        },
      }
    )
    emit({ type: 'progress', stage: 'finishing', attempt: attempts })
    const images = await Promise.all(
      output.images.map((image) => fitForFigma(image.mimeType, image.data))
    )
    return {
      id: id ?? `gen_${randomUUID()}`,
      model: spec.id,
      images,
      ...(output.text === undefined ? {} : { text: output.text }),
      finishReason: output.finishReason,
      usage: output.usage,
      attempts,
      turn: { user: compactUserTurn(request), model: output.turn },
    }
  }
}
