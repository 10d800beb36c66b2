import { describe, expect, it } from 'vitest'

import { createApiClient } from '../../client/api-client'
import { DAMAGED_IMAGE_MESSAGE } from '../../client/base64'
import type { GenerationInput } from '../../ui/generate/generation-input'
import { runGeneration } from '../../ui/generate/run-generation'
import { reply, sseResponse } from '../client/fake-replies'
import { deferred, exportedImages, fakeRpc, within } from './fake-rpc'

// Never called in these tests unless a run gets past exporting.
const unusedApi = createApiClient({
  baseUrl: 'http://127.0.0.1:9',
  token: '',
  geminiKey: '',
  fetch: () => Promise.reject(new Error('The API must not be called.')),
})

const input: GenerationInput = {
  mode: 'create',
  prompt: 'a teapot',
  model: 'm',
  references: [{ nodeId: 'a', name: 'A', role: 'subject' }],
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('Cancel while references export', () => {
  it('returns the cancelled outcome at once, without waiting for the export', async () => {
    const { rpc, calls } = fakeRpc({ exportReferences: () => new Promise(() => undefined) })
    const abort = new AbortController()
    const run = runGeneration({ rpc, api: unusedApi }, input, abort.signal, () => undefined)
    await tick()
    abort.abort()
    expect(await within(run, 200)).toMatchObject({ ok: false, error: { code: 'aborted' } })
    // The export was asked for with Cancel's signal, so main is told to stop it too.
    expect(calls.find((c) => c.method === 'exportReferences')?.signal?.aborted).toBe(true)
  })

  it('stops rebuilding a conversation: the next exchange is never exported', async () => {
    const exchange = (nodeId: string) => ({
      nodeId,
      name: nodeId,
      turn: { user: { parts: [{ text: 'hi' }] }, model: { parts: [{ text: 'ok' }] } },
      references: [{ nodeId: 'a', fingerprint: 'f' }],
      image: { mimeType: 'image/png', bytes: new Uint8Array([1]) },
    })
    const firstExport = deferred<ReturnType<typeof exportedImages>>()
    const { rpc, calls } = fakeRpc({
      readConversation: () =>
        Promise.resolve({ ok: true, model: 'm', exchanges: [exchange('r1'), exchange('r2')] }),
      exportReferences: () => firstExport.promise,
    })
    const abort = new AbortController()
    const run = runGeneration(
      { rpc, api: unusedApi },
      { ...input, mode: 'iterate', iterate: { nodeId: 'r2', chain: [] }, multiTurn: true },
      abort.signal,
      () => undefined
    )
    await tick()
    abort.abort()
    expect(await within(run, 200)).toMatchObject({ ok: false, error: { code: 'aborted' } })
    firstExport.resolve(exportedImages(['a']))
    await tick()
    await tick()
    expect(calls.filter((c) => c.method === 'exportReferences')).toHaveLength(1)
  })
})

describe('a result image that is not base64', () => {
  it('fails with a sentence saying to generate again, and places nothing', async () => {
    const api = createApiClient({
      baseUrl: 'http://peel.test',
      token: '',
      geminiKey: '',
      fetch: () =>
        Promise.resolve(sseResponse([['result', JSON.stringify(reply('%%not base64%%'))]])),
    })
    const { rpc, calls } = fakeRpc({
      exportReferences: () => Promise.resolve(exportedImages(['a'])),
    })
    const outcome = await runGeneration(
      { rpc, api },
      input,
      new AbortController().signal,
      () => undefined
    )
    expect(outcome).toMatchObject({ ok: false, error: { message: DAMAGED_IMAGE_MESSAGE } })
    expect(calls.some((c) => c.method === 'placeResult')).toBe(false)
  })
})

describe('a reply whose second image cannot be placed', () => {
  it('reports the first image, which is on the canvas, beside the failure', async () => {
    const twoImages = reply()
    twoImages.images.push({ mimeType: 'image/png', data: '%%not base64%%', width: 1, height: 1 })
    const api = createApiClient({
      baseUrl: 'http://peel.test',
      token: '',
      geminiKey: '',
      fetch: () => Promise.resolve(sseResponse([['result', JSON.stringify(twoImages)]])),
    })
    const node = {
      nodeId: '9:1',
      name: 'a teapot',
      parentId: '0:1',
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    }
    const { rpc, calls } = fakeRpc({
      exportReferences: () => Promise.resolve(exportedImages(['a'])),
      placeResult: () => Promise.resolve(node),
    })
    const outcome = await runGeneration(
      { rpc, api },
      input,
      new AbortController().signal,
      () => undefined
    )
    expect(calls.filter((c) => c.method === 'placeResult')).toHaveLength(1)
    expect(outcome).toMatchObject({
      ok: true,
      placed: [node],
      failed: [{ message: DAMAGED_IMAGE_MESSAGE }],
    })
  })
})
