import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateResponseSchema } from '../../protocol/api'
import type { GenerateResponse, ReferenceInput, Turn } from '../../protocol/api'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { expandTurn } from '../../protocol/expand-turn'
import { startSimulator } from '../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../server/simulator/start-simulator'
import { createTestApp, postJson } from '../helpers/create-test-app'
import { makeImage } from '../helpers/make-image'

let sim: RunningSimulator
let app: ReturnType<typeof createTestApp>['app']
beforeAll(async () => {
  sim = await startSimulator()
  app = createTestApp({ baseUrl: sim.url }).app
})
afterAll(() => sim.close())

async function generate(body: unknown) {
  const res = await app.request('/v1/generations', postJson(body))
  return {
    res,
    body: res.status === 200 ? GenerateResponseSchema.parse(await res.json()) : undefined,
  }
}

/** A generation that must succeed. */
async function generateOk(body: unknown): Promise<GenerateResponse> {
  const { res, body: reply } = await generate(body)
  expect(res.status).toBe(200)
  if (reply === undefined) throw new Error(`expected 200, got ${res.status}`)
  return reply
}

/** The two turns one exchange adds to the history, with exact bytes. */
function exchange(references: ReferenceInput[], reply: GenerateResponse): Turn[] {
  const images = {
    references: references.map((r) => ({ mimeType: r.mimeType, data: r.data })),
    results: reply.images.map((image) => image.original ?? image),
  }
  const user = expandTurn('user', reply.turn.user, images)
  const model = expandTurn('model', reply.turn.model, images)
  if (user === undefined || model === undefined) throw new Error('an image pointer is dangling')
  return [user, model]
}

describe('multi-turn iteration with thought signatures', () => {
  it('continues a three-turn edit on gemini-3-pro-image, signatures and all', async () => {
    const model = 'gemini-3-pro-image'
    const references: ReferenceInput[] = [
      { mimeType: 'image/png', data: await makeImage(320, 240, '#c03030') },
    ]
    const reply1 = await generateOk({ model, prompt: 'a poster of this', references })
    expect(
      reply1.turn.model.parts.some((p) => 'image' in p && p.thoughtSignature !== undefined)
    ).toBe(true)
    const history = exchange(references, reply1)

    const second = await generateOk({ model, prompt: 'make the sky purple', history })
    history.push(...exchange([], second))

    const third = await generate({ model, prompt: 'add a moon', history })
    expect(third.res.status).toBe(200)
    const sent = sim.requests.at(-1)?.body as {
      contents: { role: string; parts: { thoughtSignature?: string }[] }[]
    }
    expect(sent.contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user'])
    expect(sent.contents[3]?.parts.some((p) => p.thoughtSignature !== undefined)).toBe(true)
  })

  it('fails clearly when a signature is dropped, as Gemini does', async () => {
    const model = 'gemini-3.1-flash-image'
    const reply = await generateOk({ model, prompt: 'a lamp' })
    const history = exchange([], reply).map((turn) => ({
      role: turn.role,
      parts: turn.parts.map((part) =>
        'inlineData' in part ? { inlineData: part.inlineData } : part
      ),
    }))
    const res = (await generate({ model, prompt: 'now blue', history })).res
    expect(res.status).toBe(400)
    expect(ErrorEnvelopeSchema.parse(await res.json()).error.code).toBe('invalid_request')
  })

  it('rejects a history that does not alternate or holds too many images', async () => {
    const turn = { role: 'user', parts: [{ text: 'hi' }] }
    const res = (await generate({ prompt: 'x', history: [turn, turn] })).res
    expect(res.status).toBe(400)
    expect(ErrorEnvelopeSchema.parse(await res.json()).error.issues?.[0]?.path).toBe(
      'history.1.role'
    )
    const image = { inlineData: { mimeType: 'image/png', data: await makeImage(8, 8, '#000') } }
    const crowded = [
      { role: 'user', parts: [image, image, image] },
      { role: 'model', parts: [{ text: 'ok' }] },
    ]
    const tooMany = (
      await generate({
        model: 'gemini-2.5-flash-image',
        prompt: 'x',
        history: crowded,
        references: [image.inlineData],
      })
    ).res
    expect(tooMany.status).toBe(400)
    expect(ErrorEnvelopeSchema.parse(await tooMany.json()).error.message).toMatch(
      /holds 4 reference images/
    )
  })
})
