/**
 * @module
 * Turns the exchanges main read back into a `history` for the next request: each result's exact
 * bytes from its fill, and each first-turn reference exported again from its layer (see
 * protocol/lineage.ts for why references are not copied into the file).
 */
import { bytesToBase64 } from '../../client/base64'
import type { Turn } from '../../protocol/api'
import { type Exchange, FALLBACK_SENTENCE } from '../../protocol/conversation'
import { expandTurn } from '../../protocol/expand-turn'
import { EXPORT_TIMEOUT_MS, exportAsReferences } from '../generate/export-as-references'
import type { RpcClient } from '../rpc'

export type BuiltHistory =
  { ok: true; history: Turn[]; exchanges: number; notice?: string } | { ok: false; message: string }

// The caller stops waiting on Cancel too; this only keeps the export loop from going on.

const broken = (why: string): BuiltHistory => ({
  ok: false,
  message: `${why} ${FALLBACK_SENTENCE}`,
})

async function expandExchange(
  rpc: RpcClient,
  exchange: Exchange,
  signal: AbortSignal | undefined
): Promise<{ turns: Turn[]; changed: boolean } | string> {
  const exported = await exportAsReferences(
    rpc,
    exchange.references.map((r) => ({ nodeId: r.nodeId, role: 'subject' as const })),
    signal
  )
  if (!exported.ok) {
    return `A layer the conversation started from was deleted, so Gemini’s conversation can’t continue.`
  }
  const changed = exported.identities.some(
    (identity, i) => identity.fingerprint !== exchange.references[i]?.fingerprint
  )
  const image = exchange.image
  if (image === undefined) return `Peel could not read “${exchange.name}” back from the file.`
  const images = {
    references: exported.references.map((r) => ({ mimeType: r.mimeType, data: r.data })),
    results: [{ mimeType: image.mimeType, data: bytesToBase64(image.bytes) }],
  }
  const user = expandTurn('user', exchange.turn.user, images)
  const model = expandTurn('model', exchange.turn.model, images)
  if (user === undefined || model === undefined) {
    return `The stored conversation of “${exchange.name}” points at an image that is not there.`
  }
  return { turns: [user, model], changed }
}

/**
 * The history that continues `nodeId`'s conversation on `model`, or the sentence saying why it
 * can't (and that Peel edits the current pixels instead). `room` is how many images the model
 * still takes besides the new request's own references. Each exchange is exported in turn; when
 * `signal` aborts, the call under way rejects at once (and main stops it), ending the loop.
 */
export async function buildHistory(
  rpc: RpcClient,
  target: { nodeId: string; model: string },
  room: number,
  signal?: AbortSignal
): Promise<BuiltHistory> {
  const read = await rpc.call(
    'readConversation',
    { nodeId: target.nodeId, bytes: true },
    { timeoutMs: EXPORT_TIMEOUT_MS, signal }
  )
  if (!read.ok) return { ok: false, message: read.message }
  if (read.model !== target.model) return broken(switchedModel(read.model))
  const history: Turn[] = []
  let changed = false
  for (const exchange of read.exchanges) {
    const expanded = await expandExchange(rpc, exchange, signal)
    if (typeof expanded === 'string') return broken(expanded)
    history.push(...expanded.turns)
    changed ||= expanded.changed
  }
  const images = history.flatMap((t) => t.parts).filter((p) => 'inlineData' in p).length
  if (images > room) {
    return broken(`This conversation holds ${String(images)} images, more than the model takes.`)
  }
  return {
    ok: true,
    history,
    exchanges: read.exchanges.length,
    notice: changed
      ? 'A layer the conversation started from has changed since; Gemini gets its current look.'
      : undefined,
  }
}

/** Thought signatures belong to the model that made them. */
export function switchedModel(model: string): string {
  return `This conversation was with ${model}; choose it again to continue it.`
}
