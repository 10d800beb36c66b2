import { base64ToBytes } from '../../client/base64'
import type { GenerateResponse } from '../../protocol/api'
import type { Conversation, ReferenceIdentity } from '../../protocol/lineage'
import type { PlacedNode, PlaceResultParams } from '../../protocol/messages'
import type { RpcClient } from '../rpc'

/** What a placement records besides the reply itself. */
export type PlaceContext = Pick<
  PlaceResultParams,
  'prompt' | 'requestId' | 'options' | 'parentNodeId' | 'origin' | 'variant' | 'batch'
> & {
  sources: readonly { nodeId: string; name: string; role: 'subject' | 'style' }[]
  /** Where each reference of the request came from, in order, so the exchange can be rebuilt. */
  identities: readonly ReferenceIdentity[]
  /** True when the request continued the parent's conversation. */
  continued: boolean
}

/**
 * What the result's lineage keeps of this exchange. The turn is only worth keeping when the node
 * will hold the exact bytes Gemini made: not for a downscaled image, nor one of several.
 */
export function conversationOf(reply: GenerateResponse, context: PlaceContext): Conversation {
  if (reply.images.length > 1) return { broken: 'several_images' }
  if (reply.images.some((image) => image.original !== undefined)) return { broken: 'downscaled' }
  return {
    turn: reply.turn,
    references: [...context.identities],
    continued: context.continued,
  }
}

/**
 * A reply with several images, some placed before one failed: the placed ones are on the canvas,
 * so they are reported along with the failure rather than lost from view.
 */
export class PartlyPlaced extends Error {
  constructor(
    readonly placed: PlacedNode[],
    readonly failure: unknown
  ) {
    super(failure instanceof Error ? failure.message : String(failure))
    this.name = 'PartlyPlaced'
  }
}

/**
 * Asks main to place replies one at a time, in the order they are handed over, so a run's results
 * land and are listed in that order. Where each one lands (beside its source, variants in a row)
 * is main's to decide.
 */
export function createPlacer(rpc: RpcClient) {
  let queue: Promise<unknown> = Promise.resolve()

  async function placeNow(reply: GenerateResponse, context: PlaceContext): Promise<PlacedNode[]> {
    const placed: PlacedNode[] = []
    try {
      await placeEach(reply, context, placed)
    } catch (error) {
      if (placed.length > 0) throw new PartlyPlaced(placed, error)
      throw error
    }
    return placed
  }

  async function placeEach(
    reply: GenerateResponse,
    context: PlaceContext,
    placed: PlacedNode[]
  ): Promise<void> {
    for (const [index, image] of reply.images.entries()) {
      const node = await rpc.call('placeResult', {
        image: {
          bytes: base64ToBytes(image.data),
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
        },
        prompt: context.prompt,
        model: reply.model,
        options: context.options,
        requestId: context.requestId,
        generationId: reply.images.length > 1 ? `${reply.id}#${String(index)}` : reply.id,
        sources: context.sources.map((s) => ({
          id: s.nodeId,
          name: s.name.slice(0, 500),
          role: s.role,
        })),
        parentNodeId: context.parentNodeId,
        origin: context.origin,
        response: {
          finishReason: reply.finishReason,
          attempts: reply.attempts,
          usage: reply.usage,
        },
        variant: context.variant,
        batch: context.batch,
        conversation: conversationOf(reply, context),
      })
      placed.push(node)
    }
  }

  return {
    place(reply: GenerateResponse, context: PlaceContext): Promise<PlacedNode[]> {
      const next = queue.then(() => placeNow(reply, context))
      queue = next.catch(() => undefined)
      return next
    },
  }
}

export type Placer = ReturnType<typeof createPlacer>
