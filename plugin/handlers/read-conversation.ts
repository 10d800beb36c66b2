/**
 * @module
 * Rebuilds a result's Gemini conversation from the document: each result's lineage holds its own
 * exchange (compact turns and signatures), its `parent` link leads to the one before, and its
 * image fill holds the exact bytes Gemini made. Why it lives there is in protocol/lineage.ts.
 * Any missing piece breaks the chain, and the answer says which, in a sentence for the panel.
 */
import {
  type BreakReason,
  type ConversationRead,
  type Exchange,
  FALLBACK_SENTENCE,
  MAX_EXCHANGES,
} from '../../protocol/conversation'
import type { LineageEntry } from '../../protocol/lineage'
import type { FigmaPort } from '../figma/port'
import { readLineage } from '../figma/read-lineage'

/** The hash of the node's visible image fill, if it has exactly the one Peel put there. */
export function fillHash(node: BaseNode): string | undefined {
  if (!('fills' in node) || !Array.isArray(node.fills)) return undefined
  const images = (node.fills as readonly Paint[]).filter(
    (paint) => paint.type === 'IMAGE' && paint.visible !== false
  )
  const [only] = images
  return images.length === 1 && only?.type === 'IMAGE' ? (only.imageHash ?? undefined) : undefined
}

function broken(reason: BreakReason, name: string): ConversationRead {
  const which = `“${name}”`
  const why: Record<BreakReason, string> = {
    not_kept: `${which} was made without a stored Gemini conversation, so it can't be continued.`,
    parent_deleted:
      'An earlier result of this conversation was deleted, so Gemini’s conversation can’t continue (undo the deletion to continue it).',
    edited: `${which} was changed by hand since Peel made it, so Gemini’s conversation can’t continue from it.`,
    too_large: `${which} had a conversation too large to keep in the file (Figma allows 100 kB per layer).`,
    downscaled: `${which} was scaled down to fit Figma, so the exact image Gemini made isn’t in the file to continue from.`,
    several_images: `${which} came from a reply with several images, which Peel can’t continue as one conversation.`,
    too_long: `This conversation is longer than Gemini takes back (${String(MAX_EXCHANGES)} turns).`,
  }
  return { ok: false, reason, message: `${why[reason]} ${FALLBACK_SENTENCE}` }
}

async function readBytes(port: FigmaPort, hash: string): Promise<Uint8Array | undefined> {
  const image = port.getImageByHash(hash)
  return image === null ? undefined : image.getBytesAsync()
}

/** One step back from `node`: its exchange, or why the chain breaks there. */
async function readExchange(
  port: FigmaPort,
  node: BaseNode,
  entry: LineageEntry,
  bytes: boolean
): Promise<Exchange | ConversationRead> {
  const { conversation } = entry
  if (conversation === undefined) return broken('not_kept', node.name)
  if ('broken' in conversation) return broken(conversation.broken, node.name)
  const hash = fillHash(node)
  if (hash === undefined || hash !== entry.imageHash) return broken('edited', node.name)
  const exchange: Exchange = {
    nodeId: node.id,
    name: node.name,
    turn: conversation.turn,
    references: conversation.references,
  }
  if (!bytes) return exchange
  const data = await readBytes(port, hash)
  if (data === undefined) return broken('edited', node.name)
  return { ...exchange, image: { mimeType: entry.image.mimeType, bytes: data } }
}

function conversationContinues(entry: LineageEntry): boolean {
  const { conversation } = entry
  return conversation !== undefined && 'continued' in conversation && conversation.continued
}

/** The exchanges that led to `nodeId`, oldest first, ending with its own. */
export async function readConversation(
  port: FigmaPort,
  params: { nodeId: string; bytes: boolean }
): Promise<ConversationRead> {
  const exchanges: Exchange[] = []
  let model: string | undefined
  let node = await port.getNodeByIdAsync(params.nodeId)
  let expected: string | undefined
  while (node !== null) {
    const lineage = readLineage(node)
    if (!lineage.ok || (expected !== undefined && lineage.entry.generationId !== expected)) {
      return exchanges.length === 0 ? broken('not_kept', node.name) : broken('parent_deleted', '')
    }
    const { entry } = lineage
    // Signatures belong to one model: a chain that switched models starts afresh there.
    if (model !== undefined && entry.model !== model) return broken('not_kept', node.name)
    model = entry.model
    const step = await readExchange(port, node, entry, params.bytes)
    if ('ok' in step) return step
    exchanges.unshift(step)
    if (exchanges.length > MAX_EXCHANGES) return broken('too_long', node.name)
    if (entry.parent === null || !conversationContinues(entry)) {
      return { ok: true, model, exchanges }
    }
    expected = entry.parent.generationId
    node = await port.getNodeByIdAsync(entry.parent.nodeId)
  }
  return exchanges.length === 0 ? broken('not_kept', params.nodeId) : broken('parent_deleted', '')
}
