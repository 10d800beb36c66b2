/**
 * @module
 * One generation from start to finish: export references through main, call the server from this
 * iframe (so Cancel aborts the real request), then have main place each image.
 */
import type { AspectRatio, ImageSize, ReferenceInput } from '../../protocol/api'
import type { Mode, PlacedNode } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import type { ApiClient, ClientError } from '../api-client'
import { base64ToBytes, bytesToBase64 } from '../base64'
import { nextStep } from '../next-step'
import type { RpcClient } from '../rpc'
import { composePrompt } from './compose-prompt'

export type Stage = 'exporting' | 'generating' | 'placing'

/** Everything one run needs to know. */
export interface GenerationInput {
  mode: Mode
  prompt: string
  model: string
  aspectRatio?: AspectRatio
  imageSize?: ImageSize
  references: { nodeId: string; name: string; role: 'subject' | 'style' }[]
  /** Iterate mode: the result node and its prompt chain. */
  iterate?: { nodeId: string; chain: string[] }
}

export type GenerationOutcome =
  { ok: true; placed: PlacedNode[]; requestId: string } | { ok: false; error: ClientError }

/** Export waits longer than other bus calls: several large frames take seconds in Figma. */
const EXPORT_TIMEOUT_MS = 60_000

function fromBus(error: unknown): ClientError {
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof RpcError && error.code === 'timeout' ? 'timeout' : 'internal'
  return { code, message, nextStep: error instanceof RpcError ? '' : nextStep(code) }
}

// A function call, so TypeScript does not assume `aborted` stays what an earlier check saw.
const isAborted = (signal: AbortSignal): boolean => signal.aborted

const cancelled: GenerationOutcome = {
  ok: false,
  error: { code: 'aborted', message: 'Cancelled.', nextStep: nextStep('aborted') },
}

export async function runGeneration(
  { rpc, api }: { rpc: RpcClient; api: ApiClient },
  input: GenerationInput,
  signal: AbortSignal,
  onStage: (stage: Stage) => void
): Promise<GenerationOutcome> {
  try {
    onStage('exporting')
    const roles = new Map(input.references.map((r) => [r.nodeId, r]))
    const ids = input.references.map((r) => r.nodeId)
    const exported =
      ids.length === 0
        ? { images: [], failures: [] }
        : await rpc.call(
            'exportReferences',
            { nodeIds: ids, purpose: 'reference' },
            { timeoutMs: EXPORT_TIMEOUT_MS }
          )
    const failure = exported.failures[0]
    if (failure !== undefined) {
      return {
        ok: false,
        error: { code: 'invalid_request', message: failure.message, nextStep: '' },
      }
    }
    if (signal.aborted) return cancelled
    const references: ReferenceInput[] = exported.images.map((image) => ({
      mimeType: image.mimeType,
      data: bytesToBase64(image.bytes),
      role: roles.get(image.nodeId)?.role ?? 'subject',
      name: image.name.slice(0, 200),
    }))

    onStage('generating')
    const reply = await api.generate(
      {
        prompt: composePrompt(input.prompt, input.iterate?.chain ?? []),
        model: input.model,
        references,
        aspectRatio: input.aspectRatio,
        imageSize: input.imageSize,
      },
      { signal }
    )
    if (!reply.ok) return { ok: false, error: reply.error }
    // Cancel may land after the reply arrived but before placing: nothing is placed then either.
    if (isAborted(signal)) return cancelled

    onStage('placing')
    const placed: PlacedNode[] = []
    for (const [index, image] of reply.data.images.entries()) {
      placed.push(
        await rpc.call('placeResult', {
          image: {
            bytes: base64ToBytes(image.data),
            mimeType: image.mimeType,
            width: image.width,
            height: image.height,
          },
          prompt: input.prompt.trim(),
          model: reply.data.model,
          options: { aspectRatio: input.aspectRatio, imageSize: input.imageSize },
          requestId: reply.requestId ?? reply.data.id,
          generationId:
            reply.data.images.length > 1 ? `${reply.data.id}#${String(index)}` : reply.data.id,
          sources: input.references.map((r) => ({
            id: r.nodeId,
            name: r.name.slice(0, 500),
            role: r.role,
          })),
          parentNodeId: input.iterate?.nodeId,
        })
      )
    }
    return { ok: true, placed, requestId: reply.requestId ?? reply.data.id }
  } catch (error) {
    return { ok: false, error: fromBus(error) }
  }
}
