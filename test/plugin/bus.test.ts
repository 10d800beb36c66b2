import { afterEach, describe, expect, it, vi } from 'vitest'

import { RpcError, type Transport } from '../../protocol/rpc-error'
import { createRpcServer } from '../../plugin/rpc'
import { createRpcClient } from '../../ui/rpc'

/** Two transports joined back to back, delivering asynchronously like postMessage. */
function linkedTransports(): { ui: Transport; main: Transport; toMain: unknown[] } {
  const uiListeners = new Set<(m: unknown) => void>()
  const mainListeners = new Set<(m: unknown) => void>()
  const toMain: unknown[] = []
  const deliver = (listeners: Set<(m: unknown) => void>, message: unknown): void => {
    const copy = structuredClone(message)
    setTimeout(() => {
      for (const listener of listeners) listener(copy)
    }, 0)
  }
  const join = (
    own: Set<(m: unknown) => void>,
    other: Set<(m: unknown) => void>,
    log?: unknown[]
  ): Transport => ({
    send: (message) => {
      log?.push(message)
      deliver(other, message)
    },
    subscribe: (listener) => {
      own.add(listener)
      return () => own.delete(listener)
    },
  })
  return {
    ui: join(uiListeners, mainListeners, toMain),
    main: join(mainListeners, uiListeners),
    toMain,
  }
}

const settings = { serverUrl: 'http://127.0.0.1:8787', token: 't', geminiKey: '' }
const summary = { mode: 'create' as const, nodes: [], notices: [] }

afterEach(() => {
  vi.useRealTimers()
})

describe('bus', () => {
  it('carries a typed call and its result, bytes included', async () => {
    const link = linkedTransports()
    const server = createRpcServer(link.main)
    const bytes = new Uint8Array([1, 2, 3])
    server.handle('exportReferences', (params) => ({
      images: params.nodeIds.map((nodeId) => ({
        nodeId,
        name: 'Frame',
        mimeType: 'image/png' as const,
        bytes,
        width: 1,
        height: 1,
      })),
      failures: [],
    }))
    const client = createRpcClient(link.ui)
    const result = await client.call('exportReferences', { nodeIds: ['1:2'], purpose: 'thumbnail' })
    expect(result.images[0]?.bytes).toBeInstanceOf(Uint8Array)
    expect([...(result.images[0]?.bytes ?? [])]).toEqual([1, 2, 3])
  })

  it('cancels a call: the UI stops waiting at once, and main is told to stop its work', async () => {
    const link = linkedTransports()
    const server = createRpcServer(link.main)
    let seen: { cancelled: boolean } | undefined
    let finish: () => void = () => undefined
    server.handle('exportReferences', async (_params, cancellation) => {
      seen = cancellation
      await new Promise<void>((resolve) => (finish = resolve))
      return { images: [], failures: [] }
    })
    const client = createRpcClient(link.ui)
    const abort = new AbortController()
    const call = client.call(
      'exportReferences',
      { nodeIds: ['1:2'], purpose: 'reference' },
      { signal: abort.signal }
    )
    await vi.waitFor(() => {
      expect(seen).toBeDefined()
    })
    expect(seen?.cancelled).toBe(false)
    abort.abort()
    const error = await call.catch((e: unknown) => e)
    expect((error as RpcError).code).toBe('cancelled')
    await vi.waitFor(() => {
      expect(seen?.cancelled).toBe(true)
    })
    expect(link.toMain.at(-1)).toMatchObject({ kind: 'cancel' })
    // Main's late answer is dropped; a call whose signal is already aborted is never sent.
    finish()
    const sent = link.toMain.length
    await expect(client.call('getSelection', {}, { signal: abort.signal })).rejects.toMatchObject({
      code: 'cancelled',
    })
    expect(link.toMain).toHaveLength(sent)
  })

  it('times out when main never answers, with a sentence that says what to do', async () => {
    const link = linkedTransports()
    const client = createRpcClient(link.ui, { timeoutMs: 50 })
    const error = await client.call('getSelection', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RpcError)
    expect((error as RpcError).code).toBe('timeout')
    expect((error as RpcError).message).toMatch(/reopen Peel/)
  })

  it('turns a throwing handler into an error reply', async () => {
    const link = linkedTransports()
    const server = createRpcServer(link.main)
    server.handle('getSettings', () => {
      throw new Error('storage exploded')
    })
    server.handle('saveSettings', () => {
      throw new RpcError('node_not_found', 'That layer is gone. Select it again.')
    })
    const client = createRpcClient(link.ui)
    await expect(client.call('getSettings', {})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('storage exploded') as unknown,
    })
    await expect(client.call('saveSettings', settings)).rejects.toMatchObject({
      code: 'node_not_found',
      message: 'That layer is gone. Select it again.',
    })
  })

  it('rejects bad params in main and bad results in the UI', async () => {
    const link = linkedTransports()
    const server = createRpcServer(link.main)
    server.handle('saveSettings', (s) => s)
    server.handle(
      'getSelection',
      () => ({ ...summary, mode: 'sideways' }) as unknown as typeof summary
    )
    const client = createRpcClient(link.ui)
    await expect(
      client.call('saveSettings', { ...settings, serverUrl: 'not a url' })
    ).rejects.toMatchObject({ code: 'invalid_params' })
    await expect(client.call('getSelection', {})).rejects.toMatchObject({ code: 'invalid_result' })
  })

  it('answers unknown methods and malformed requests instead of hanging', async () => {
    const link = linkedTransports()
    createRpcServer(link.main)
    const answers: unknown[] = []
    link.ui.subscribe((m) => answers.push(m))
    link.ui.send({ kind: 'req', id: 'a', method: 'selfDestruct', params: {} })
    link.ui.send({ kind: 'req', id: 'b', method: 42 })
    link.ui.send({ kind: 'gossip' })
    // Waits for the replies rather than a fixed time, which a busy machine can overrun.
    await vi.waitFor(() => {
      expect(answers).toHaveLength(2)
    })
    expect(answers).toEqual([
      {
        kind: 'res',
        id: 'a',
        ok: false,
        error: expect.objectContaining({ code: 'unknown_method' }) as unknown,
      },
      {
        kind: 'res',
        id: 'b',
        ok: false,
        error: expect.objectContaining({ code: 'bad_message' }) as unknown,
      },
    ])
  })

  it('delivers valid events and drops invalid ones', async () => {
    const link = linkedTransports()
    const server = createRpcServer(link.main)
    const client = createRpcClient(link.ui)
    const seen: unknown[] = []
    client.on('selectionChanged', (payload) => seen.push(payload.mode))
    server.emit('selectionChanged', summary)
    link.main.send({ kind: 'event', name: 'selectionChanged', payload: { mode: 'nope' } })
    await vi.waitFor(() => {
      expect(seen).toHaveLength(1)
    })
    // The invalid event arrives right after the valid one; give it the same chance to land.
    await new Promise((r) => setTimeout(r, 20))
    expect(seen).toEqual(['create'])
  })

  it('fails pending calls when disposed', async () => {
    const link = linkedTransports()
    const client = createRpcClient(link.ui)
    const pending = client.call('getSelection', {})
    client.dispose()
    await expect(pending).rejects.toMatchObject({ code: 'internal' })
  })
})
