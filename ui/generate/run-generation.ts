/**
 * @module
 * One generation from start to finish: export references through main, stream the server's answer
 * in this iframe (so Cancel aborts the real request), then have main place each image. Variants
 * are parallel calls, since the image models reject `candidateCount` > 1; each is placed as soon
 * as it arrives, in a row.
 */
import type { ApiClient } from '../../client/api-client'
import { CANCELLED } from '../../client/client-error'
import type { StreamUpdate } from '../../client/generate-streaming'
import type { PlacedNode } from '../../protocol/messages'
import { resolveConversation } from '../conversation/resolve-conversation'
import type { PanelError } from '../panel-error'
import type { RpcClient } from '../rpc'
import { composePrompt } from './compose-prompt'
import { exportAsReferences, fromBus } from './export-as-references'
import { createPlacer, PartlyPlaced } from './create-placer'
import type { GenerationInput } from './generation-input'

export type Stage = 'exporting' | 'generating' | 'placing'

/** What the panel hears during a run: our own stage, or the server's stream (per variant). */
export type RunUpdate =
  { kind: 'stage'; stage: Stage } | { kind: 'stream'; variant: number; update: StreamUpdate }

export type GenerationOutcome =
  | {
      ok: true
      placed: PlacedNode[]
      failed: PanelError[]
      requestId: string
      /** About the conversation: continued, or why Peel edited the current pixels instead. */
      notice?: string
    }
  | { ok: false; error: PanelError }

// A function call, so TypeScript does not assume `aborted` stays what an earlier check saw.
const isAborted = (signal: AbortSignal): boolean => signal.aborted

/** What placing one reply came to: every image, some before one failed, or none. */
interface Placing {
  nodes: PlacedNode[]
  error?: PanelError
}

/** One request's part of a run: what it placed, and a failure after some images were placed. */
type RequestOutcome =
  | { ok: true; placed: PlacedNode[]; failure?: PanelError; requestId: string }
  | { ok: false; error: PanelError }

const cancelled: Extract<GenerationOutcome, { ok: false }> = { ok: false, error: CANCELLED }

export async function runGeneration(
  { rpc, api }: { rpc: RpcClient; api: ApiClient },
  input: GenerationInput,
  signal: AbortSignal,
  onUpdate: (update: RunUpdate) => void
): Promise<GenerationOutcome> {
  try {
    onUpdate({ kind: 'stage', stage: 'exporting' })
    // Exports may take up to a minute each; Cancel must not wait for them.
    // Both calls reject the moment Cancel aborts `signal` (main is told to stop); the catch below
    // turns that into the cancelled outcome.
    const plan = await resolveConversation(rpc, input, signal)
    const exported = await exportAsReferences(rpc, plan.references, signal)
    if (isAborted(signal)) return cancelled
    if (!exported.ok) return exported

    onUpdate({ kind: 'stage', stage: 'generating' })
    const count = Math.min(4, Math.max(1, input.variants ?? 1))
    const group = crypto.randomUUID()
    const placer = createPlacer(rpc)
    const request = {
      prompt: plan.continued
        ? input.prompt.trim()
        : composePrompt(input.prompt, input.iterate?.chain ?? []),
      model: input.model,
      references: exported.references,
      aspectRatio: input.aspectRatio,
      imageSize: input.imageSize,
      history: plan.history,
    }
    const runs = Array.from({ length: count }, async (_, index): Promise<RequestOutcome> => {
      const reply = await api.generateStream(request, {
        signal,
        onUpdate: (update) => {
          onUpdate({ kind: 'stream', variant: index, update })
        },
      })
      if (!reply.ok) return reply
      // Cancel may land after the reply arrived but before placing: nothing is placed then either.
      if (isAborted(signal)) return cancelled
      if (count === 1) onUpdate({ kind: 'stage', stage: 'placing' })
      // One variant that cannot be placed (a damaged image) must not lose the others.
      const placing: Placing = await placer
        .place(reply.data, {
          prompt: input.prompt.trim(),
          requestId: reply.requestId ?? reply.data.id,
          options: { aspectRatio: input.aspectRatio, imageSize: input.imageSize },
          sources: plan.references,
          identities: exported.identities,
          continued: plan.continued,
          parentNodeId: input.iterate?.nodeId,
          origin: input.origin ?? input.mode,
          variant: count > 1 ? { group, index, count } : undefined,
        })
        .then(
          (nodes): Placing => ({ nodes }),
          (error: unknown): Placing =>
            // Images of one reply placed before another failed are on the canvas: report them.
            error instanceof PartlyPlaced
              ? { nodes: error.placed, error: fromBus(error.failure) }
              : { nodes: [], error: fromBus(error) }
        )
      if (placing.nodes.length === 0 && placing.error !== undefined)
        return { ok: false, error: placing.error }
      return {
        ok: true,
        placed: placing.nodes,
        failure: placing.error,
        requestId: reply.requestId ?? reply.data.id,
      }
    })
    const outcomes = await Promise.all(runs)
    const placed = outcomes.flatMap((o) => (o.ok ? o.placed : []))
    const failed = outcomes.flatMap((o) =>
      o.ok ? (o.failure === undefined ? [] : [o.failure]) : [o.error]
    )
    const first = outcomes.find((o) => o.ok)
    if (first === undefined) {
      const error = failed.find((e) => e.code !== 'aborted')
      return error === undefined ? cancelled : { ok: false, error }
    }
    return { ok: true, placed, failed, requestId: first.requestId, notice: plan.notice }
  } catch (error) {
    return { ok: false, error: fromBus(error) }
  }
}
