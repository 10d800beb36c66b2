import { useCallback, useRef, useState } from 'preact/hooks'

import type { PlacedNode } from '../../protocol/messages'
import type { ApiClient, ClientError } from '../api-client'
import { createExportPrefetcher } from '../batch/create-export-prefetcher'
import type { BatchPlan } from '../batch/batch-plan'
import { runBatchItem } from '../batch/run-batch-item'
import { runPool } from '../batch/run-pool'
import { createPlacer } from '../generate/create-placer'
import { applyUpdate, type LiveProgress } from '../progress/live-progress'
import { stageText } from '../progress/stage-text'
import type { RpcClient } from '../rpc'

/** Where one frame of the batch stands. */
export type ItemState =
  | { status: 'queued' }
  | { status: 'running'; text: string }
  | { status: 'placed'; placed: PlacedNode[] }
  | { status: 'failed'; error: ClientError }

export interface BatchState {
  plan: BatchPlan
  items: ItemState[]
  running: boolean
  startedAt: number
  seconds?: number
}

/** Default number of generations in flight at once: fast, yet kind to per-minute quotas. */
export const DEFAULT_CONCURRENCY = 4

/** Runs a batch restyle with bounded concurrency; failed items can be retried one at a time. */
export function useBatch(rpc: RpcClient, api: ApiClient | undefined) {
  const [batch, setBatch] = useState<BatchState>()
  const controller = useRef<AbortController>()
  const placer = useRef(createPlacer(rpc))

  const setItem = useCallback((index: number, item: ItemState) => {
    setBatch((b) => (b === undefined ? b : { ...b, items: replaceAt(b.items, index, item) }))
  }, [])

  const runItems = useCallback(
    async (plan: BatchPlan, indexes: number[], concurrency: number) => {
      if (api === undefined) return
      const abort = new AbortController()
      controller.current = abort
      const exports = createExportPrefetcher(rpc, plan, concurrency)
      await runPool(
        indexes,
        concurrency,
        async (index, release) => {
          let progress: LiveProgress = { stage: 'exporting', startedAt: Date.now() }
          setItem(index, { status: 'running', text: stageText(progress) })
          const outcome = await runBatchItem(
            { api, placer: placer.current, exports },
            plan,
            index,
            abort.signal,
            (update) => {
              progress = applyUpdate(progress, { kind: 'stream', variant: 0, update })
              setItem(index, { status: 'running', text: stageText(progress) })
            },
            release
          )
          setItem(
            index,
            outcome.ok
              ? { status: 'placed', placed: outcome.placed }
              : { status: 'failed', error: outcome.error }
          )
        },
        abort.signal
      )
      if (controller.current === abort) controller.current = undefined
      setBatch((b) => {
        if (b === undefined) return b
        // Items never started because of Cancel are marked so they can be retried.
        const items = b.items.map((item): ItemState =>
          item.status === 'queued' || item.status === 'running'
            ? { status: 'failed', error: cancelledError }
            : item
        )
        return { ...b, items, running: false, seconds: (Date.now() - b.startedAt) / 1000 }
      })
    },
    [rpc, api, setItem]
  )

  const start = useCallback(
    (plan: BatchPlan, concurrency = DEFAULT_CONCURRENCY) => {
      if (controller.current !== undefined) return
      setBatch({
        plan,
        items: plan.targets.map(() => ({ status: 'queued' })),
        running: true,
        startedAt: Date.now(),
      })
      void runItems(
        plan,
        plan.targets.map((_, i) => i),
        concurrency
      )
    },
    [runItems]
  )

  const retry = useCallback(
    (index: number) => {
      if (batch === undefined || controller.current !== undefined) return
      setBatch({
        ...batch,
        running: true,
        items: replaceAt(batch.items, index, { status: 'queued' }),
      })
      void runItems(batch.plan, [index], 1)
    },
    [batch, runItems]
  )

  const cancel = useCallback(() => {
    controller.current?.abort()
  }, [])

  const dismiss = useCallback(() => {
    if (controller.current === undefined) setBatch(undefined)
  }, [])

  return { batch, start, retry, cancel, dismiss }
}

const cancelledError: ClientError = { code: 'aborted', message: 'Cancelled before it finished.' }

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item))
}
