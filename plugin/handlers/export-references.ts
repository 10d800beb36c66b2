import type { ExportedImage, ExportFailure, MethodResult } from '../../protocol/messages'
import { planExport } from '../export/export-policy'
import { imageHasAlpha } from '../export/image-has-alpha'
import { isOpaque } from '../export/is-opaque'
import type { FigmaPort } from '../figma/port'
import { describeNode } from '../selection/describe-node'

/** Whether each image fill's file can be transparent, read from the files' headers. */
async function readImageAlpha(port: FigmaPort, node: SceneNode): Promise<Map<string, boolean>> {
  const alpha = new Map<string, boolean>()
  const fills = 'fills' in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : []
  for (const paint of fills) {
    if (paint.type !== 'IMAGE' || paint.imageHash === null || alpha.has(paint.imageHash)) continue
    const image = port.getImageByHash(paint.imageHash)
    alpha.set(paint.imageHash, image === null ? true : imageHasAlpha(await image.getBytesAsync()))
  }
  return alpha
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

function size(plan: { width: number; height: number }): { width: number; height: number } {
  return { width: plan.width, height: plan.height }
}

/**
 * Exports nodes under the size policy. One at a time: several large exports at once can exhaust
 * the sandbox's memory. Every node either exports or gets a sentence saying why not.
 */
export async function exportReferences(
  port: FigmaPort,
  params: { nodeIds: string[]; purpose: 'reference' | 'thumbnail' }
): Promise<MethodResult<'exportReferences'>> {
  const images: ExportedImage[] = []
  const failures: ExportFailure[] = []
  for (const id of params.nodeIds) {
    const node = await port.getNodeByIdAsync(id)
    if (node === null || !('exportAsync' in node) || node.type === 'PAGE') {
      failures.push({
        nodeId: id,
        name: id,
        message: 'A selected layer was deleted. Select the layers to use again.',
      })
      continue
    }
    const outcome = await exportOne(port, node, params.purpose)
    if ('bytes' in outcome) images.push(outcome)
    else failures.push(outcome)
  }
  return { images, failures }
}
