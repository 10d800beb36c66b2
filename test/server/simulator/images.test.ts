import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { startSimulator } from '../../../server/simulator/start-simulator'
import { finalImage, finalImagePart, sdkFor, solidPng } from './simulator-helpers'

describe('simulator images', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(async () => {
    await sim.close()
  })

  async function generate(prompt: string, image?: string) {
    const contents = image
      ? [{ text: prompt }, { inlineData: { mimeType: 'image/png', data: image } }]
      : prompt
    return sdkFor(sim).models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents,
      config: { responseModalities: ['IMAGE'] },
    })
  }

  async function meanColour(image: Buffer): Promise<{ r: number; g: number; b: number }> {
    const [r, g, b] = (await sharp(image).stats()).channels.map((c) => c.mean)
    return { r: r ?? 0, g: g ?? 0, b: b ?? 0 }
  }

  it('returns byte-identical PNGs for identical requests', async () => {
    const first = finalImage(await generate('a red bicycle'))
    const second = finalImage(await generate('a red bicycle'))
    expect(first.equals(second)).toBe(true)
    expect(finalImagePart(await generate('a red bicycle')).inlineData?.mimeType).toBe('image/png')
  })

  it('returns different images for different prompts', async () => {
    const first = finalImage(await generate('a red bicycle'))
    const second = finalImage(await generate('a blue bicycle'))
    expect(first.equals(second)).toBe(false)
  })

  it('derives the output from the input image', async () => {
    const red = await meanColour(finalImage(await generate('edit it', await solidPng('#ff0000'))))
    const blue = await meanColour(finalImage(await generate('edit it', await solidPng('#0000ff'))))
    expect(red.r).toBeGreaterThan(red.g + 60)
    expect(red.r).toBeGreaterThan(red.b + 60)
    expect(blue.b).toBeGreaterThan(blue.r + 60)
    expect(blue.b).toBeGreaterThan(blue.g + 60)
  })

  it('marks images as simulated with a striped band along the bottom', async () => {
    const image = finalImage(await generate('a plain sky', await solidPng('#ffffff')))
    const { width, height } = await sharp(image).metadata()
    const strip = await sharp(image)
      .extract({ left: 0, top: height - 8, width: Math.round(width / 8), height: 8 })
      .toBuffer()
    // stats() reads its input as given, so the crop has to be encoded first.
    const band = await sharp(strip).stats()
    // Yellow and black stripes: far from the near-white image above them.
    expect(band.channels[2]?.mean ?? 255).toBeLessThan(120)
  })
})
