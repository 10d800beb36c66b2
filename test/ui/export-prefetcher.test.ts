import { describe, expect, it } from 'vitest'

import { createExportPrefetcher } from '../../ui/batch/create-export-prefetcher'
import type { BatchPlan } from '../../ui/batch/batch-plan'
import { runBatchItem } from '../../ui/batch/run-batch-item'
import { createApiClient } from '../../client/api-client'
import { createPlacer } from '../../ui/generate/create-placer'
import { deferred, exportedImages, fakeRpc, within } from './fake-rpc'

const plan: BatchPlan = {
  id: 'b',
  prompt: 'restyle',
  model: 'm',
  targets: ['t0', 't1', 't2', 't3'].map((nodeId) => ({ nodeId, name: nodeId })),
  styles: [{ nodeId: 's', name: 's' }],
}

/** Main as a one-at-a-time exporter whose answers the test releases by hand. */
function slowMain() {
  const pending: (() => void)[] = []
  const fake = fakeRpc({
    exportReferences: (params) => {
      const answer = deferred<ReturnType<typeof exportedImages>>()
      const { nodeIds } = params as { nodeIds: string[] }
      pending.push(() => {
        answer.resolve(exportedImages(nodeIds))
      })
      return answer.promise
    },
  })
  const releaseAll = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) {
      for (const release of pending.splice(0)) release()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }
  const exported = () =>
    fake.calls
      .filter((c) => c.method === 'exportReferences')
      .flatMap((c) => (c.params as { nodeIds: string[] }).nodeIds)
  return { ...fake, releaseAll, exported }
}

describe('batch exports on Cancel', () => {
  it('stops waiting at once and skips the exports still queued', async () => {
    const main = slowMain()
    const abort = new AbortController()
    const exports = createExportPrefetcher(main.rpc, plan, 2)
    const first = exports.get(0, abort.signal)
    const second = exports.get(1, abort.signal)
    await new Promise((resolve) => setTimeout(resolve, 0))
    abort.abort()
    expect(await within(first, 200)).toMatchObject({ ok: false, error: { code: 'aborted' } })
    expect(await within(second, 200)).toMatchObject({ ok: false, error: { code: 'aborted' } })
    await main.releaseAll()
    // The style and the first frame were already with main; the look-ahead never started.
    expect(main.exported()).toEqual(['s', 't0'])
  })

  it('still exports everything when nobody cancels', async () => {
    const main = slowMain()
    const exports = createExportPrefetcher(main.rpc, plan, 2)
    const first = exports.get(0, new AbortController().signal)
    await main.releaseAll()
    expect(await first).toMatchObject({ ok: true })
    expect(main.exported()).toEqual(['s', 't0', 't1', 't2'])
  })

  it('ends a batch item waiting on the export queue as cancelled', async () => {
    const main = slowMain()
    const abort = new AbortController()
    const api = createApiClient({
      baseUrl: 'http://peel.test',
      token: '',
      geminiKey: '',
      fetch: () => Promise.reject(new Error('The API must not be called.')),
    })
    const deps = {
      api,
      placer: createPlacer(main.rpc),
      exports: createExportPrefetcher(main.rpc, plan, 1),
    }
    const item = runBatchItem(deps, plan, 0, abort.signal, () => undefined)
    abort.abort()
    expect(await within(item, 200)).toMatchObject({ ok: false, error: { code: 'aborted' } })
  })
})
