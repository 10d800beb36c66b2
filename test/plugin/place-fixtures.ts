import sharp from 'sharp'

import { decodeLineage, LINEAGE_KEY, type LineageEntry } from '../../protocol/lineage'
import type { PlaceResultParams } from '../../protocol/messages'
import type { FakeFigma } from '../fakes/fake-figma'
import type { FakeNode } from '../fakes/fake-node'

/** A white fill, so a frame is not empty and exports. */
export const white: SolidPaint = { type: 'SOLID', color: { r: 1, g: 1, b: 1 } }

/** A solid PNG of the given size, as Gemini's reply would carry it. */
export async function png(width: number, height: number): Promise<Uint8Array> {
  const image = sharp({ create: { width, height, channels: 3, background: '#884422' } })
  return new Uint8Array(await image.png().toBuffer())
}

/** The parameters of a typical `placeResult` call, with `over` on top. */
export async function params(over: Partial<PlaceResultParams> = {}): Promise<PlaceResultParams> {
  return {
    image: { bytes: await png(1024, 768), mimeType: 'image/png', width: 1024, height: 768 },
    prompt: 'A lighthouse at dusk, painted in gouache',
    model: 'gemini-3.1-flash-image',
    options: { aspectRatio: '4:3', imageSize: '1K' },
    requestId: 'req_1',
    generationId: 'gen_1',
    sources: [],
    ...over,
  }
}

/** The node with `id`, which the test expects to exist. */
export async function nodeById(figma: FakeFigma, id: string): Promise<FakeNode> {
  const node = await figma.getNodeByIdAsync(id)
  if (node === null) throw new Error(`node ${id} is gone`)
  return node
}

/** The node's lineage, which the test expects to be valid. */
export function lineageOf(node: FakeNode): LineageEntry {
  const decoded = decodeLineage(node.getPluginData(LINEAGE_KEY))
  if (!decoded.ok) throw new Error(decoded.message)
  return decoded.entry
}
