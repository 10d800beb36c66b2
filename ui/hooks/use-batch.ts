import { useCallback, useRef, useState } from 'preact/hooks'

import type { ApiClient } from '../../client/api-client'
import type { BatchPlan } from '../batch/batch-plan'
import { type BatchState, endBatch, type ItemState, withItem } from '../batch/batch-state'
import { runBatch } from '../batch/run-batch'
import { createPlacer } from '../generate/create-placer'
import type { RpcClient } from '../rpc'

/** Default number of generations in flight at once: fast, yet kind to per-minute quotas. */
export const DEFAULT_CONCURRENCY = 4

/** Runs a batch restyle with bounded concurrency; failed items can be retried one at a time. */
export function useBatch(rpc: RpcClient, api: ApiClient | undefined) {
  const [batch, setBatch] = useState<BatchState>()
  const controller = useRef<AbortController>()
  const placer = useRef(createPlacer(rpc))

  const setItem = useCallback((index: number, item: ItemState) => {
    setBatch((b) => (b === undefined ? b : withItem(b, index, item)))
  }, [])

  const runItems = useCallback(
    async (plan: BatchPlan, indexes: number[], concurrency: number) => {
      if (api === undefined) return
      const abort = new AbortController()
      controller.current = abort
      const deps = { rpc, api, placer: placer.current }
      await runBatch(deps, plan, indexes, concurrency, abort.signal, setItem)
      if (controller.current === abort) controller.current = undefined
      setBatch((b) => (b === undefined ? b : endBatch(b, Date.now())))
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
      setBatch({ ...withItem(batch, index, { status: 'queued' }), running: true })
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
