import sharp from 'sharp'

import type { PlaceResultParams } from '../../protocol/messages'

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
