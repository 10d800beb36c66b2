import type { GenerateContentResponse } from '@google/genai'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { startSimulator } from '../../../server/simulator/start-simulator'
import { finalImagePart, partsOf, postRaw, promptBody, sdkFor } from './simulator-helpers'

describe('simulator streaming', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(async () => {
    await sim.close()
  })

  async function streamAll(model: string, prompt: string): Promise<GenerateContentResponse[]> {
    const stream = await sdkFor(sim).models.generateContentStream({
      model,
      contents: prompt,
      config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    })
    const chunks: GenerateContentResponse[] = []
    for await (const chunk of stream) chunks.push(chunk)
    return chunks
  }

  it('streams thoughts, then the signed final image, on 3-series models', async () => {
    const chunks = await streamAll('gemini-3-pro-image', 'a fox in snow')
    const parts = chunks.flatMap(partsOf)
    expect(parts[0]?.thought).toBe(true)
    expect(parts[0]?.text).toMatch(/\w/)
    const thoughtImages = parts.filter((p) => p.thought === true && p.inlineData !== undefined)
    expect(thoughtImages.length).toBeGreaterThanOrEqual(1)
    expect(thoughtImages.length).toBeLessThanOrEqual(2)
    for (const part of parts.filter((p) => p.thought === true)) {
      expect(part.thoughtSignature).toBeUndefined()
    }
    const thought = Buffer.from(thoughtImages[0]?.inlineData?.data ?? '', 'base64')
    expect(await sharp(thought).metadata()).toMatchObject({ width: 688, height: 384 })

    const final = parts.at(-1)
    expect(final?.thought).toBeUndefined()
    expect(final?.inlineData?.mimeType).toBe('image/png')
    expect(final?.thoughtSignature).toEqual(expect.any(String))
    const last = chunks.at(-1)
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP')
    expect(last?.usageMetadata).toMatchObject({ candidatesTokenCount: 1120 })
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.candidates?.[0]?.finishReason).toBeUndefined()
    }
  })

  it('streams only the final image on 2.5 Flash Image', async () => {
    const chunks = await streamAll('gemini-2.5-flash-image', 'a fox in snow')
    const parts = chunks.flatMap(partsOf)
    expect(parts).toHaveLength(1)
    expect(parts[0]?.thought).toBeUndefined()
    expect(parts[0]?.thoughtSignature).toBeUndefined()
    expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBe(1290)
  })

  it("uses Google's SSE framing", async () => {
    const reply = await postRaw(sim, 'gemini-2.5-flash-image', promptBody('a fox'), {
      method: 'streamGenerateContent',
    })
    expect(reply.contentType).toMatch(/^text\/event-stream/)
    expect(reply.text).toMatch(/^data: \{.*\}\r\n\r\n$/s)
  })

  it('keeps a streamed SDK chat going across turns', async () => {
    const chat = sdkFor(sim).chats.create({
      model: 'gemini-3.1-flash-image',
      config: { responseModalities: ['TEXT', 'IMAGE'] },
    })
    for (const message of ['a harbour', 'at night']) {
      const chunks: GenerateContentResponse[] = []
      for await (const chunk of await chat.sendMessageStream({ message })) chunks.push(chunk)
      expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP')
    }
    const second = await chat.sendMessage({ message: 'with fireworks' })
    expect(finalImagePart(second).thoughtSignature).toEqual(expect.any(String))
  })
})
