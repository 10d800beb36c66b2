import type { ApiClient } from '../../client/api-client'
import type { createPlacer } from '../generate/create-placer'
import { applyUpdate, type LiveProgress } from '../progress/live-progress'
import { stageText } from '../progress/stage-text'
import type { RpcClient } from '../rpc'
import type { BatchPlan } from './batch-plan'
import type { ItemState } from './batch-state'
import { createExportPrefetcher } from './create-export-prefetcher'
import { runBatchItem } from './run-batch-item'
import { runPool } from './run-pool'

/**
 * Runs the batch's items `indexes`, at most `concurrency` generating at once, with exports
 * fetched ahead; `onItem` hears each item's state as it changes. Resolves when all have settled
 * or `signal` aborted the rest.
 */
export async function runBatch(
  deps: { rpc: RpcClient; api: ApiClient; placer: ReturnType<typeof createPlacer> },
  plan: BatchPlan,
  indexes: readonly number[],
  concurrency: number,
  signal: AbortSignal,
  onItem: (index: number, item: ItemState) => void
): Promise<void> {
  const exports = createExportPrefetcher(deps.rpc, plan, concurrency)
  await runPool(
    indexes,
    concurrency,
    async (index, release) => {
      let progress: LiveProgress = { stage: 'exporting', startedAt: Date.now() }
      onItem(index, { status: 'running', text: stageText(progress) })
      const outcome = await runBatchItem(
        { api: deps.api, placer: deps.placer, exports },
        plan,
        index,
        signal,
        (update) => {
          progress = applyUpdate(progress, { kind: 'stream', variant: 0, update })
          onItem(index, { status: 'running', text: stageText(progress) })
        },
        release
      )
      onItem(
        index,
        outcome.ok
          ? { status: 'placed', placed: outcome.placed }
          : { status: 'failed', error: outcome.error }
      )
    },
    signal
  )
}
