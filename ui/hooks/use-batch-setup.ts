import { useState } from 'preact/hooks'

import type { ImageSize, ModelInfo } from '../../protocol/api'
import type { SelectionSummary } from '../../protocol/messages'
import type { PinnedFrame } from '../../protocol/style-kit'
import type { BatchPlan } from '../batch/batch-plan'
import { planBatch } from '../batch/plan-batch'
import type { Role } from '../generate/generation-input'
import { DEFAULT_CONCURRENCY } from './use-batch'

/**
 * The batch the selection describes, before it starts: its plan, how many generations may run at
 * once, and a start that gives the next batch a fresh id.
 */
export function useBatchSetup(
  state: {
    summary: SelectionSummary
    roles: Map<string, Role>
    model: ModelInfo | undefined
    prompt: string
    imageSize: ImageSize | undefined
    kit: readonly PinnedFrame[]
  },
  startBatch: (plan: BatchPlan, concurrency: number) => void
) {
  const [concurrency, setConcurrency] = useState(DEFAULT_CONCURRENCY)
  const [batchId, setBatchId] = useState(() => crypto.randomUUID())
  const { summary, roles, model, prompt, imageSize, kit } = state
  const plan =
    summary.mode === 'edit'
      ? planBatch({ nodes: summary.nodes, roles, model, prompt, imageSize, id: batchId, kit })
      : undefined
  const start = (ready: BatchPlan): void => {
    startBatch(ready, concurrency)
    setBatchId(crypto.randomUUID())
  }
  return { plan, concurrency, setConcurrency, start }
}
