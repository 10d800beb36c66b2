import type { PlacedNode } from '../../protocol/messages'
import type { PanelError } from '../panel-error'
import type { BatchPlan } from './batch-plan'

/** Where one frame of the batch stands. */
export type ItemState =
  | { status: 'queued' }
  | { status: 'running'; text: string }
  | { status: 'placed'; placed: PlacedNode[] }
  | { status: 'failed'; error: PanelError }

export interface BatchState {
  plan: BatchPlan
  items: ItemState[]
  running: boolean
  startedAt: number
  seconds?: number
}

const cancelledError: PanelError = { code: 'aborted', message: 'Cancelled before it finished.' }

/**
 * The batch once its run is over: items never started or cut off by Cancel are marked failed,
 * so they can be retried, and the time it took is kept.
 */
export function endBatch(batch: BatchState, now: number): BatchState {
  const items = batch.items.map((item): ItemState =>
    item.status === 'queued' || item.status === 'running'
      ? { status: 'failed', error: cancelledError }
      : item
  )
  return { ...batch, items, running: false, seconds: (now - batch.startedAt) / 1000 }
}

/** The batch with item `index` replaced. */
export function withItem(batch: BatchState, index: number, item: ItemState): BatchState {
  return { ...batch, items: batch.items.map((old, i) => (i === index ? item : old)) }
}
