import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { startSimulator } from '../../../server/simulator/start-simulator'
import { finalImage, pixelSize, sdkFor, solidPng } from './simulator-helpers'

// Google's published pixels (ai.google.dev, 2026-04), written out by hand rather than read from
// model-specs, so a wrong table there fails here.
const CELLS: { model: string; ratio: string; size?: string; width: number; height: number }[] = [
  { model: 'gemini-3.1-flash-image', ratio: '1:1', size: '1K', width: 1024, height: 1024 },
  { model: 'gemini-3.1-flash-image', ratio: '2:3', size: '1K', width: 848, height: 1264 },
  { model: 'gemini-3.1-flash-image', ratio: '3:2', size: '1K', width: 1264, height: 848 },
  { model: 'gemini-3.1-flash-image', ratio: '3:4', size: '1K', width: 896, height: 1200 },
  { model: 'gemini-3.1-flash-image', ratio: '4:3', size: '1K', width: 1200, height: 896 },
  { model: 'gemini-3.1-flash-image', ratio: '4:5', size: '1K', width: 928, height: 1152 },
  { model: 'gemini-3.1-flash-image', ratio: '5:4', size: '1K', width: 1152, height: 928 },
  { model: 'gemini-3.1-flash-image', ratio: '9:16', size: '1K', width: 768, height: 1376 },
  { model: 'gemini-3.1-flash-image', ratio: '16:9', size: '1K', width: 1376, height: 768 },
  { model: 'gemini-3.1-flash-image', ratio: '21:9', size: '1K', width: 1584, height: 672 },
  { model: 'gemini-3.1-flash-image', ratio: '1:4', size: '1K', width: 512, height: 2048 },
  { model: 'gemini-3.1-flash-image', ratio: '4:1', size: '1K', width: 2048, height: 512 },
  { model: 'gemini-3.1-flash-image', ratio: '1:8', size: '1K', width: 384, height: 3072 },
  { model: 'gemini-3.1-flash-image', ratio: '8:1', size: '1K', width: 3072, height: 384 },
  { model: 'gemini-2.5-flash-image', ratio: '1:1', width: 1024, height: 1024 },
  { model: 'gemini-2.5-flash-image', ratio: '2:3', width: 832, height: 1248 },
  { model: 'gemini-2.5-flash-image', ratio: '3:2', width: 1248, height: 832 },
  { model: 'gemini-2.5-flash-image', ratio: '3:4', width: 864, height: 1184 },
  { model: 'gemini-2.5-flash-image', ratio: '4:3', width: 1184, height: 864 },
  { model: 'gemini-2.5-flash-image', ratio: '4:5', width: 896, height: 1152 },
  { model: 'gemini-2.5-flash-image', ratio: '5:4', width: 1152, height: 896 },
  { model: 'gemini-2.5-flash-image', ratio: '9:16', width: 768, height: 1344 },
  { model: 'gemini-2.5-flash-image', ratio: '16:9', width: 1344, height: 768 },
  { model: 'gemini-2.5-flash-image', ratio: '21:9', width: 1536, height: 672 },
  { model: 'gemini-3.1-flash-image', ratio: '1:1', size: '512', width: 512, height: 512 },
  { model: 'gemini-3.1-flash-image', ratio: '16:9', size: '512', width: 688, height: 384 },
  { model: 'gemini-3.1-flash-image', ratio: '3:4', size: '512', width: 448, height: 600 },
  { model: 'gemini-3.1-flash-image', ratio: '4:1', size: '512', width: 1024, height: 256 },
  { model: 'gemini-3-pro-image', ratio: '3:2', size: '1K', width: 1264, height: 848 },
  { model: 'gemini-3-pro-image', ratio: '16:9', size: '2K', width: 2752, height: 1536 },
  { model: 'gemini-3-pro-image', ratio: '21:9', size: '2K', width: 3168, height: 1344 },
  { model: 'gemini-3.1-flash-image', ratio: '4:5', size: '2K', width: 1856, height: 2304 },
  { model: 'gemini-3-pro-image', ratio: '1:1', size: '4K', width: 4096, height: 4096 },
  { model: 'gemini-3.1-flash-image', ratio: '16:9', size: '4K', width: 5504, height: 3072 },
]

describe('simulator output pixels', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(async () => {
    await sim.close()
  })

  it.each(CELLS)(
    '$model $ratio $size is $width×$height',
    async ({ model, ratio, size, width, height }) => {
      const response = await sdkFor(sim).models.generateContent({
        model,
        contents: `a lighthouse at dusk (${ratio} ${size ?? ''})`,
        config: {
          responseModalities: ['IMAGE'],
          imageConfig: { aspectRatio: ratio, imageSize: size },
        },
      })
      expect(await pixelSize(finalImage(response))).toEqual({ width, height })
    }
  )

  it('defaults to 1K on 3-series models when no size is given', async () => {
    const response = await sdkFor(sim).models.generateContent({
      model: 'gemini-3-pro-image',
      contents: 'a meadow',
      config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    })
    expect(await pixelSize(finalImage(response))).toEqual({ width: 1376, height: 768 })
  })

  it("follows the input image's shape when no ratio is given", async () => {
    const response = await sdkFor(sim).models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: [
        { text: 'make it autumn' },
        { inlineData: { mimeType: 'image/png', data: await solidPng('#336699', 1600, 900) } },
      ],
      config: { responseModalities: ['IMAGE'] },
    })
    expect(await pixelSize(finalImage(response))).toEqual({ width: 1376, height: 768 })
  })

  it('makes a square image when there is neither a ratio nor an input', async () => {
    const response = await sdkFor(sim).models.generateContent({
      model: 'gemini-2.5-flash-image',
      contents: 'a square thing',
    })
    expect(await pixelSize(finalImage(response))).toEqual({ width: 1024, height: 1024 })
  })
})
