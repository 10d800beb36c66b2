import type { Turn } from '../../protocol/api'
import type { GenerationInput } from '../generate/generation-input'
import type { RpcClient } from '../rpc'
import { buildHistory } from './build-history'
import { continuesConversation } from './continues-conversation'

/** How a run talks to Gemini: with the conversation so far, or afresh with the current pixels. */
export interface ConversationPlan {
  references: GenerationInput['references']
  history: Turn[]
  continued: boolean
  /** What the panel tells the user about it (continued, or why not). */
  notice?: string
}

/**
 * Iterate on a 3-series model continues the conversation: the earlier turns go as history and the
 * result itself is no longer sent as a reference. When the chain is broken, the run falls back to
 * a single-turn edit of the current pixels, and the notice says why.
 */
export async function resolveConversation(
  rpc: RpcClient,
  input: GenerationInput,
  signal?: AbortSignal
): Promise<ConversationPlan> {
  const single = { references: input.references, history: [], continued: false }
  const target = input.iterate
  if (target === undefined || !continuesConversation({ multiTurn: input.multiTurn === true }))
    return single
  const extra = input.references.filter((r) => r.nodeId !== target.nodeId)
  const room = (input.maxReferences ?? Number.POSITIVE_INFINITY) - extra.length
  const built = await buildHistory(rpc, { nodeId: target.nodeId, model: input.model }, room, signal)
  if (!built.ok) return { ...single, notice: built.message }
  return {
    references: extra,
    history: built.history,
    continued: true,
    notice:
      built.notice ??
      `Continued the Gemini conversation (${String(built.exchanges)} earlier ${built.exchanges === 1 ? 'turn' : 'turns'}).`,
  }
}
