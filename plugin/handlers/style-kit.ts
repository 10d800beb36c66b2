/**
 * @module
 * The style kit: frames pinned as the document's brand style references, kept in plugin data on
 * the document root so everyone who opens the file shares one kit. Every read re-checks the pinned
 * frames on the canvas: a renamed frame shows its new name and a missing one is left out of the
 * reply with a notice. Only pin and unpin write the kit back, and frames missing then leave it.
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
import { sceneNodeById } from '../figma/scene-node-by-id'
import { type SerialQueue, serialQueue } from '../serial-queue'

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

interface LiveKit {
  frames: PinnedFrame[]
  /** Pinned frames not on the canvas right now, as stored. */
  missing: PinnedFrame[]
  notices: string[]
}

/**
 * The kit with live names. Nothing is written: a frame can be missing only for a moment (deleted
 * then undone), and a write here would also slip an uncommitted change into the designer's next
 * undo step.
 */
async function readKit(port: FigmaPort): Promise<LiveKit> {
  const stored = readStored(port)
  const frames: PinnedFrame[] = []
  const missing: PinnedFrame[] = []
  for (const pinned of stored.frames) {
    const node = await sceneNodeById(port, pinned.nodeId)
    if (node === null) missing.push(pinned)
    else frames.push({ nodeId: node.id, name: node.name })
  }
  return { frames, missing, notices: stored.notices }
}

/** Pin and unpin save the kit as the designer sees it, so missing frames leave it then. */
function save(port: FigmaPort, kit: LiveKit, frames: PinnedFrame[]): StyleKit {
  write(port, frames)
  port.commitUndo()
  const dropped = kit.missing.map(
    (f) => `“${f.name}” was deleted, so it left the style kit. Pin it again if you restore it.`
  )
  return { frames, notices: [...kit.notices, ...dropped] }
}

// Pin and unpin read, await, then write the kit, so two quick clicks must not interleave; reads
// queue too, so the UI never gets a kit older than the one a pin just returned.
const queues = new WeakMap<FigmaPort, SerialQueue>()

function queueFor(port: FigmaPort): SerialQueue {
  let queue = queues.get(port)
  if (queue === undefined) {
    queue = serialQueue()
    queues.set(port, queue)
  }
  return queue
}

/** The kit as the UI shows it; frames missing right now are left out but stay stored. */
export function getStyleKit(port: FigmaPort): Promise<StyleKit> {
  return queueFor(port)(async () => {
    const kit = await readKit(port)
    const missing = kit.missing.map(
      (f) =>
        `“${f.name}” is missing from the file, so the style kit leaves it out. Undo its deletion to bring it back.`
    )
    return { frames: kit.frames, notices: [...kit.notices, ...missing] }
  })
}

/** Pins layers as style references for the whole document. */
export function pinStyle(port: FigmaPort, params: { nodeIds: string[] }): Promise<StyleKit> {
  return queueFor(port)(async () => {
    const kit = await readKit(port)
    const frames = [...kit.frames]
    for (const id of params.nodeIds) {
      if (frames.some((f) => f.nodeId === id)) continue
      const node = await sceneNodeById(port, id)
      if (node === null) continue
      frames.push({ nodeId: node.id, name: node.name })
    }
    if (frames.length > MAX_PINNED) {
      throw new RpcError(
        'style_kit_full',
        `The style kit holds at most ${String(MAX_PINNED)} frames. Unpin some before pinning more.`
      )
    }
    return save(port, kit, frames)
  })
}

/** Takes a frame out of the kit; the frame itself is untouched. */
export function unpinStyle(port: FigmaPort, params: { nodeId: string }): Promise<StyleKit> {
  return queueFor(port)(async () => {
    const kit = await readKit(port)
    const frames = kit.frames.filter((f) => f.nodeId !== params.nodeId)
    return save(port, kit, frames)
  })
}
