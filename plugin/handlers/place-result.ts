import {
  encodeLineage,
  LINEAGE_KEY,
  type LineageEntry,
  LineageTooLargeError,
} from '../../protocol/lineage'
import type { PlacedNode, PlaceResultParams } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import type { FigmaPort } from '../figma/port'
import { readLineage } from '../figma/read-lineage'
import { anchorsFor, chooseHost, extendRow, showLanded } from '../layout/choose-host'
import { nameFromPrompt, relaunchDescription } from '../layout/name-from-prompt'
import { buildLineageEntry } from '../lineage/build-entry'

async function readParent(
  port: FigmaPort,
  id: string | undefined
): Promise<{ nodeId: string; entry: LineageEntry } | null> {
  if (id === undefined) return null
  const node = await port.getNodeByIdAsync(id)
  if (node === null) return null
  const lineage = readLineage(node)
  return lineage.ok ? { nodeId: id, entry: lineage.entry } : null
}

/** What `createImage` takes; anything else fails there with a message that helps nobody. */
const PLACEABLE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif'])

/** A sentence for each way Figma rejects an image, matched on its documented messages. */
function rejectionAdvice(reason: string): string {
  if (/too large/i.test(reason))
    return 'The generated image is larger than Figma allows (4096 × 4096 px). Choose a smaller size and generate again.'
  if (/too small/i.test(reason))
    return 'The generated image is too small for Figma to place. Choose a larger size and generate again.'
  if (/unsupported/i.test(reason))
    return 'Figma could not read the generated image file. Generate again; if it keeps happening, update the Peel server.'
  return `Figma refused the generated image (${reason}). Generate again; if it keeps happening, reopen Peel.`
}

function createImageOrExplain(port: FigmaPort, image: PlaceResultParams['image']): Image {
  if (!PLACEABLE_TYPES.has(image.mimeType.toLowerCase())) {
    throw new RpcError(
      'image_rejected',
      `Figma can only place PNG, JPEG or GIF images, and the server sent ${image.mimeType || 'an unknown type'}. Update the Peel server, then generate again.`
    )
  }
  try {
    return port.createImage(image.bytes)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RpcError('image_rejected', rejectionAdvice(reason))
  }
}

function encodeOrNull(port: FigmaPort, entry: LineageEntry): string | null {
  try {
    return encodeLineage(entry)
  } catch (error) {
    // The image cost a generation: place it without history rather than lose it.
    if (!(error instanceof LineageTooLargeError)) throw error
    port.notify('This result has no Peel history, so Iterate will treat it as a plain image.')
    return null
  }
}

/**
 * Places a generated image as a new rectangle at its pixel size, beside its source, with lineage
 * and an Iterate relaunch button, selected and in view. One undo step per result.
 */
export async function placeResult(port: FigmaPort, params: PlaceResultParams): Promise<PlacedNode> {
  const image = createImageOrExplain(port, params.image)
  const size = await image.getSizeAsync()
  const parent = await readParent(port, params.parentNodeId)
  const encoded = encodeOrNull(
    port,
    buildLineageEntry(params, parent, { ...size, hash: image.hash }, new Date())
  )
  const sources = await anchorsFor(port, params)

  // createRectangle already puts a grey rectangle on the page: any failure must take it away.
  const rect = port.createRectangle()
  try {
    rect.name =
      params.variant === undefined
        ? nameFromPrompt(params.prompt)
        : `${nameFromPrompt(params.prompt)} · v${String(params.variant.index + 1)}`
    rect.resize(size.width, size.height)
    rect.fills = [{ type: 'IMAGE', imageHash: image.hash, scaleMode: 'FILL' }]
    const landing = chooseHost(port, rect, sources)
    landing.host.appendChild(rect)
    rect.x = landing.x
    rect.y = landing.y
    if (encoded !== null) rect.setPluginData(LINEAGE_KEY, encoded)
    rect.setRelaunchData({ iterate: relaunchDescription(params.prompt) })
  } catch (error) {
    rect.remove()
    const reason = error instanceof Error ? error.message : String(error)
    throw new RpcError(
      'internal',
      `Figma could not add the result to the canvas (${reason}). Select another layer, or none, and generate again.`
    )
  }
  extendRow(port, params.variant, rect)
  await showLanded(port, rect)
  port.commitUndo()
  const container = rect.parent ?? port.currentPage
  return {
    nodeId: rect.id,
    name: rect.name,
    parentId: container.id,
    x: rect.x,
    y: rect.y,
    width: rect.width,
    height: rect.height,
  }
}
