import type { ExportedImage, ExportFailure, MethodResult } from '../../protocol/messages'
import { planExport } from '../export/export-policy'
import { imageHasAlpha } from '../export/image-has-alpha'
import { isOpaque } from '../export/is-opaque'
import { RpcError } from '../../protocol/rpc-error'
import type { FigmaPort } from '../figma/port'
import type { Cancellation } from '../rpc'
import { describeNode } from '../selection/describe-node'

/**
 * Whether each image fill's file can be transparent, read from the files' headers. A file that
 * cannot be read counts as transparent: that only costs a PNG export instead of a JPEG, while a
 * throw would fail the whole batch.
 */
async function readImageAlpha(port: FigmaPort, node: SceneNode): Promise<Map<string, boolean>> {
  const alpha = new Map<string, boolean>()
  const fills = 'fills' in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : []
  for (const paint of fills) {
    if (paint.type !== 'IMAGE' || paint.imageHash === null || alpha.has(paint.imageHash)) continue
    alpha.set(paint.imageHash, await readOneAlpha(port, paint.imageHash))
  }
  return alpha
}

async function readOneAlpha(port: FigmaPort, hash: string): Promise<boolean> {
  try {
    const image = port.getImageByHash(hash)
    return image === null ? true : imageHasAlpha(await image.getBytesAsync())
  } catch {
    return true
  }
}

async function exportOne(
  port: FigmaPort,
  node: SceneNode,
  purpose: 'reference' | 'thumbnail'
): Promise<ExportedImage | ExportFailure> {
  const described = describeNode(node)
  if (described.message !== undefined) {
    return { nodeId: node.id, name: node.name, message: described.message }
  }
  const alpha = await readImageAlpha(port, node)
  const plan = planExport(
    node,
    isOpaque(node, (hash) => alpha.get(hash) ?? true),
    purpose
  )
  try {
    const bytes = await node.exportAsync({
      format: plan.format,
      constraint: plan.constraint,
      colorProfile: 'SRGB',
    })
    return { nodeId: node.id, name: node.name, mimeType: plan.mimeType, bytes, ...size(plan) }
  } catch {
    return {
      nodeId: node.id,
      name: node.name,
      message: `Figma could not export “${node.name}”. Select a frame, group, component or image instead.`,
    }
  }
}

/** What a deleted layer is called in a failure; its id would mean nothing to the designer. */
export const DELETED_LAYER_NAME = 'Deleted layer'

function size(plan: { width: number; height: number }): { width: number; height: number } {
  return { width: plan.width, height: plan.height }
}

/**
 * Exports nodes under the size policy. One at a time: several large exports at once can exhaust
 * the sandbox's memory. Every node either exports or gets a sentence saying why not.
 */
export async function exportReferences(
  port: FigmaPort,
  params: { nodeIds: string[]; purpose: 'reference' | 'thumbnail' },
  cancellation: Cancellation = { cancelled: false }
): Promise<MethodResult<'exportReferences'>> {
  const images: ExportedImage[] = []
  const failures: ExportFailure[] = []
  for (const id of params.nodeIds) {
    // The UI stopped waiting (Cancel, or the selection moved on): the rest is wasted work.
    if (cancellation.cancelled) throw new RpcError('cancelled', 'The export was cancelled.')
    const node = await port.getNodeByIdAsync(id)
    if (node === null) {
      failures.push({
        nodeId: id,
        name: DELETED_LAYER_NAME,
        message: 'A selected layer was deleted. Select the layers to use again.',
      })
      continue
    }
    if (!('exportAsync' in node) || node.type === 'PAGE') {
      failures.push({
        nodeId: id,
        name: node.name,
        message: `“${node.name}” is a page, not a layer. Select layers on it instead.`,
      })
      continue
    }
    const outcome = await exportOne(port, node, params.purpose)
    if ('bytes' in outcome) images.push(outcome)
    else failures.push(outcome)
  }
  return { images, failures }
}
