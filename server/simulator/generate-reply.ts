/**
 * @module
 * Answers one `generateContent` / `streamGenerateContent` call: Gemini's checks in Google's order
 * (model, body, rules), then any staged fault, then a real image.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { randomBytes } from 'node:crypto'
import type { ModelSpec } from '../gemini/model-specs'
import { findModelSpec } from '../gemini/model-specs'
import type { BoundedSet } from './bounded-set'
import type { Outcome } from './build-outcome'
import { buildOutcome } from './build-outcome'
import type { ContentResponse } from './build-response'
import { buildStreamChunks, buildUnaryResponse } from './build-response'
import { GOOGLE_MESSAGES, googleError, googleErrorBody } from './google-error'
import type { Directives } from './parse-directives'
import { parseDirectives } from './parse-directives'
import type { RenderCache } from './render-cache'
import { renderGeneration } from './render-generation'
import type { Generation } from './render-generation'
import { camelizeKeys, describeSchemaError, GenerateContentRequestSchema } from './request-schema'
import { resolveOutput, UNREADABLE_IMAGE } from './resolve-output'
import { stageFault } from './stage-fault'
import { buildUsageMetadata } from './usage-metadata'
import type { ValidRequest } from './validate-request'
import { validateRequest } from './validate-request'
import { jsonResponse, sseResponse } from './wire-response'

export interface SimulatorCall {
  model: string
  method: 'generateContent' | 'streamGenerateContent'
  apiVersion: string
  /** `?alt=sse`: without it Google streams one JSON array instead of events. */
  sse: boolean
  rawBody: string
  body: unknown
}

export interface ReplyContext {
  latencyMs: number
  hangMs: number
  failedOnce: BoundedSet<string>
  /** Aborts when the client hangs up. */
  signal: AbortSignal
  /** Serves identical renders again when set. */
  renderCache?: RenderCache
}

function reply(call: SimulatorCall, chunks: ContentResponse[]): Response {
  if (call.method === 'generateContent') return jsonResponse(chunks[0])
  return call.sse ? sseResponse(chunks) : jsonResponse(chunks)
}

function outcomeReply(call: SimulatorCall, spec: ModelSpec, valid: ValidRequest, outcome: Outcome) {
  const usage = buildUsageMetadata({
    spec,
    imageSize: undefined,
    textChars: valid.textChars,
    inputImages: valid.allImageCount,
    output: { kind: 'none' },
    jitter: 0,
  })
  return reply(call, [buildOutcome(outcome, { spec, responseId: newResponseId() }, usage)])
}

function newResponseId(): string {
  return randomBytes(12).toString('base64url')
}

// A client that validates replies must reject this: the image data is not a string.
function malformedUnary(spec: ModelSpec): Response {
  return jsonResponse({
    candidates: [
      {
        content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: 12345 } }] },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    modelVersion: spec.id,
    responseId: newResponseId(),
  })
}

async function generate(
  call: SimulatorCall,
  spec: ModelSpec,
  valid: ValidRequest,
  directives: Directives,
  seed: number | undefined,
  renderCache: RenderCache | undefined
): Promise<Response> {
  const plan = await resolveOutput(spec, valid.images, valid)
  if (!plan.ok) return googleError('INVALID_ARGUMENT', plan.message)
  const stream = call.method === 'streamGenerateContent'
  if (directives.fault === 'malformed' && !stream) return malformedUnary(spec)
  let generation: Generation
  try {
    generation = await renderGeneration({
      spec,
      request: valid,
      plan: plan.value,
      seed,
      withThoughts: stream || valid.includeThoughts,
      cache: renderCache,
    })
  } catch (error) {
    // Only the input's header has been read so far. An input whose pixels cannot be decoded
    // (a bad CRC, a truncated file) is Google's 400, not an internal error.
    if (plan.value.source === undefined) throw error
    return googleError('INVALID_ARGUMENT', UNREADABLE_IMAGE)
  }
  const meta = { spec, responseId: newResponseId() }
  if (!stream) return jsonResponse(buildUnaryResponse(meta, generation))
  const chunks = buildStreamChunks(meta, generation)
  if (!call.sse) return jsonResponse(chunks)
  if (directives.fault === 'stream_error') {
    const thoughts = chunks.filter((c) => c.candidates?.[0]?.content?.parts?.[0]?.thought === true)
    return sseResponse([...thoughts, googleErrorBody('UNAVAILABLE', GOOGLE_MESSAGES.overloaded)])
  }
  if (directives.fault === 'malformed') {
    const last = `data: ${JSON.stringify(chunks.at(-1))}`
    return sseResponse(chunks.slice(0, -1), last.slice(0, Math.min(200, last.length >> 1)))
  }
  return sseResponse(chunks)
}

/** The full HTTP reply to one call. */
export async function generateReply(call: SimulatorCall, context: ReplyContext): Promise<Response> {
  const spec = findModelSpec(call.model)
  if (spec === undefined) {
    return googleError(
      'NOT_FOUND',
      `models/${call.model} is not found for API version ${call.apiVersion}, or is not supported for ${call.method}. Call ListModels to see the list of available models and their supported methods.`
    )
  }
  const parsed = GenerateContentRequestSchema.safeParse(camelizeKeys(call.body))
  if (!parsed.success) return googleError('INVALID_ARGUMENT', describeSchemaError(parsed.error))
  const valid = validateRequest(spec, parsed.data)
  if (!valid.ok) return googleError('INVALID_ARGUMENT', valid.message)
  const directives = parseDirectives(valid.value.userTexts)
  if (!directives.ok) return googleError('INVALID_ARGUMENT', directives.message)
  const d = directives.directives
  const seed = parsed.data.generationConfig?.seed
  // Latency is the time to answer, as with Gemini, whose wait includes making the image: a plain
  // generation renders while the clock runs instead of after it.
  const plain = d.fault === undefined && d.status === undefined && d.failOnce === undefined
  const early = plain
    ? generate(call, spec, valid.value, d, seed, context.renderCache).catch(
        (error: unknown) => error
      )
    : undefined
  // Nobody is left to read a reply once the client hangs up, so skip the work.
  const waited = await delay(d.latencyMs ?? context.latencyMs, true, {
    signal: context.signal,
  }).catch(() => false)
  if (!waited) return new Response(null, { status: 499 })
  if (early !== undefined) {
    const reply = await early
    if (reply instanceof Response) return reply
    throw reply
  }
  const fault = await stageFault(d, {
    model: spec.id,
    rawBody: call.rawBody,
    stream: call.method === 'streamGenerateContent',
    hangMs: context.hangMs,
    failedOnce: context.failedOnce,
    signal: context.signal,
  })
  if (fault !== undefined) return fault
  if (d.fault === 'blocked_prompt' || d.fault === 'image_safety' || d.fault === 'no_image') {
    return outcomeReply(call, spec, valid.value, d.fault)
  }
  return generate(call, spec, valid.value, d, seed, context.renderCache)
}
