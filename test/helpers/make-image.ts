import sharp from 'sharp'

/** A real, solid-colour image encoded as base64, for use as a reference. */
export async function makeImage(
  width: number,
  height: number,
  color: string,
  format: 'png' | 'jpeg' | 'webp' = 'png'
): Promise<string> {
  const image = sharp({ create: { width, height, channels: 3, background: color } })
  const encoded = format === 'png' ? image.png() : format === 'jpeg' ? image.jpeg() : image.webp()
  return (await encoded.toBuffer()).toString('base64')
}

/** The real pixel size of base64 image data, read by a real decoder. */
export async function decodedSize(base64: string): Promise<{ width: number; height: number }> {
  const { info } = await sharp(Buffer.from(base64, 'base64'))
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height }
}
