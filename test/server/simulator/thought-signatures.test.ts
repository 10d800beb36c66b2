import type { Content } from '@google/genai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { startSimulator } from '../../../server/simulator/start-simulator'
import type { WireError } from './simulator-helpers'
import { finalImagePart, partsOf, postRaw, sdkFor } from './simulator-helpers'

describe('simulator thought signatures', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(async () => {
    await sim.close()
  })

  async function firstTurn(model: string): Promise<Content> {
    const response = await sdkFor(sim).models.generateContent({
      model,
      contents: 'a teapot',
      config: { responseModalities: ['IMAGE'] },
    })
    const content = response.candidates?.[0]?.content
    if (content === undefined) throw new Error('no content')
    return content
  }

  function conversation(modelTurn: Content): Content[] {
    return [
      { role: 'user', parts: [{ text: 'a teapot' }] },
      modelTurn,
      { role: 'user', parts: [{ text: 'now make it green' }] },
    ]
  }

  async function continueWith(model: string, modelTurn: Content) {
    return postRaw(sim, model, {
      contents: conversation(modelTurn),
      generationConfig: { responseModalities: ['IMAGE'] },
    })
  }

  it('signs final image parts on 3-series models and nothing on 2.5', async () => {
    const signed = await firstTurn('gemini-3-pro-image')
    expect(signed.parts?.[0]?.thoughtSignature).toEqual(expect.any(String))
    const unsigned = await firstTurn('gemini-2.5-flash-image')
    expect(unsigned.parts?.every((p) => p.thoughtSignature === undefined)).toBe(true)
  })

  it('signs a text part that precedes the image', async () => {
    const response = await sdkFor(sim).models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: 'a teapot',
      config: { responseModalities: ['TEXT', 'IMAGE'] },
    })
    const [text, image] = partsOf(response)
    expect(text?.text).toEqual(expect.any(String))
    expect(text?.thoughtSignature).toEqual(expect.any(String))
    expect(image?.thoughtSignature).toEqual(expect.any(String))
  })

  it('accepts a model turn sent back exactly as received', async () => {
    const reply = await continueWith('gemini-3-pro-image', await firstTurn('gemini-3-pro-image'))
    expect(reply.status).toBe(200)
  })

  it('rejects a model turn whose image lost its signature', async () => {
    const turn = await firstTurn('gemini-3-pro-image')
    const stripped = { ...turn, parts: turn.parts?.map((p) => ({ inlineData: p.inlineData })) }
    const reply = await continueWith('gemini-3-pro-image', stripped)
    expect(reply.status).toBe(400)
    expect(reply.json()).toEqual({
      error: {
        code: 400,
        message:
          'Image part is missing a thought_signature in content position 2, part position 1.',
        status: 'INVALID_ARGUMENT',
      },
    })
  })

  it('rejects a missing signature on a text part that precedes the image', async () => {
    const turn = await firstTurn('gemini-3-pro-image')
    const parts = [{ text: 'Here you go.' }, ...(turn.parts ?? [])]
    const reply = await continueWith('gemini-3-pro-image', { role: 'model', parts })
    expect(reply.status).toBe(400)
    expect((reply.json() as WireError).error.message).toBe(
      'Text part is missing a thought_signature in content position 2, part position 1.'
    )
  })

  it('rejects a forged signature and one moved onto another image', async () => {
    const turn = await firstTurn('gemini-3-pro-image')
    const image = turn.parts?.[0]
    const forged = { role: 'model', parts: [{ ...image, thoughtSignature: 'Zm9yZ2VkIQ==' }] }
    const forgedReply = await continueWith('gemini-3-pro-image', forged)
    expect(forgedReply.status).toBe(400)
    expect((forgedReply.json() as WireError).error.message).toMatch(
      /Thought signature is not valid/
    )

    const other = await sdkFor(sim).models.generateContent({
      model: 'gemini-3-pro-image',
      contents: 'a kettle',
      config: { responseModalities: ['IMAGE'] },
    })
    const moved = {
      role: 'model',
      parts: [{ ...image, thoughtSignature: finalImagePart(other).thoughtSignature }],
    }
    expect((await continueWith('gemini-3-pro-image', moved)).status).toBe(400)
  })

  it('does not ask 2.5 Flash Image for signatures', async () => {
    const turn = await firstTurn('gemini-2.5-flash-image')
    expect((await continueWith('gemini-2.5-flash-image', turn)).status).toBe(200)
  })

  it('lets the SDK chat circulate signatures on its own', async () => {
    const chat = sdkFor(sim).chats.create({
      model: 'gemini-3-pro-image',
      config: { responseModalities: ['TEXT', 'IMAGE'] },
    })
    const first = await chat.sendMessage({ message: 'a lighthouse' })
    expect(finalImagePart(first).thoughtSignature).toEqual(expect.any(String))
    const second = await chat.sendMessage({ message: 'add a storm' })
    expect(finalImagePart(second).inlineData?.data).toEqual(expect.any(String))
    const sent = sim.requests.at(-1)?.body as { contents: Content[] }
    expect(sent.contents.map((c) => c.role)).toEqual(['user', 'model', 'user'])
    expect(sent.contents[1]?.parts?.every((p) => typeof p.thoughtSignature === 'string')).toBe(true)
  })
})
