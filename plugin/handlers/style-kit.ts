/**
 * @module
 * The style kit: frames pinned as the document's brand style references, kept in plugin data on
 * the document root so everyone who opens the file shares one kit. Every read re-checks the pinned
 * frames on the canvas: a renamed frame shows its new name, a deleted one leaves the kit (and the
 * user is told once), and the stored kit is rewritten when either happened.
 */
import { RpcError } from '../../protocol/rpc-error'
import {
  MAX_PINNED,
  type PinnedFrame,
  STYLE_KIT_KEY,
  type StyleKit,
  StoredStyleKitSchema,
} from '../../protocol/style-kit'
import type { FigmaPort } from '../figma/port'

function readStored(port: FigmaPort): { frames: PinnedFrame[]; notices: string[] } {
  const raw = port.root.getPluginData(STYLE_KIT_KEY)
  if (raw === '') return { frames: [], notices: [] }
  try {
    const parsed = StoredStyleKitSchema.safeParse(JSON.parse(raw))
    if (parsed.success) return { frames: parsed.data.frames, notices: [] }
  } catch {
    // Falls through to the notice below.
  }
  return {
    frames: [],
    notices: ['This file’s style kit could not be read, so it starts empty. Pin the frames again.'],
  }
}

function write(port: FigmaPort, frames: readonly PinnedFrame[]): void {
  port.root.setPluginData(
    STYLE_KIT_KEY,
    frames.length === 0 ? '' : JSON.stringify({ v: 1, frames })
  )
}

/** The kit with live names; deleted frames are dropped from the document's kit. */
export async function getStyleKit(port: FigmaPort): Promise<StyleKit> {
  const stored = readStored(port)
  const frames: PinnedFrame[] = []
  const notices = [...stored.notices]
  let changed = false
  for (const pinned of stored.frames) {
    const node = await port.getNodeByIdAsync(pinned.nodeId)
    if (node === null || node.type === 'PAGE' || node.type === 'DOCUMENT') {
      notices.push(`“${pinned.name}” was deleted, so it left the style kit.`)
      changed = true
      continue
    }
    if (node.name !== pinned.name) changed = true
    frames.push({ nodeId: node.id, name: node.name })
  }
  if (changed) write(port, frames)
  return { frames, notices }
}

/** Pins layers as style references for the whole document. */
export async function pinStyle(port: FigmaPort, params: { nodeIds: string[] }): Promise<StyleKit> {
  const kit = await getStyleKit(port)
  const frames = [...kit.frames]
  for (const id of params.nodeIds) {
    if (frames.some((f) => f.nodeId === id)) continue
    const node = await port.getNodeByIdAsync(id)
    if (node === null || node.type === 'PAGE' || node.type === 'DOCUMENT') continue
    frames.push({ nodeId: node.id, name: node.name })
  }
  if (frames.length > MAX_PINNED) {
    throw new RpcError(
      'style_kit_full',
      `The style kit holds at most ${String(MAX_PINNED)} frames. Unpin some before pinning more.`
    )
  }
  write(port, frames)
  port.commitUndo()
  return { frames, notices: kit.notices }
}

/** Takes a frame out of the kit; the frame itself is untouched. */
export async function unpinStyle(port: FigmaPort, params: { nodeId: string }): Promise<StyleKit> {
  const kit = await getStyleKit(port)
  const frames = kit.frames.filter((f) => f.nodeId !== params.nodeId)
  write(port, frames)
  port.commitUndo()
  return { frames, notices: kit.notices }
}
