import { describe, expect, it } from 'vitest'

import { type BatchState, endBatch } from '../../ui/batch/batch-state'

const placed = { status: 'placed' as const, placed: [] }

describe('endBatch', () => {
  it('marks items cut off by Cancel as failed, so each can be retried, and keeps the time', () => {
    const batch: BatchState = {
      plan: { id: 'b', prompt: 'p', model: 'm', targets: [], styles: [] },
      items: [placed, { status: 'running', text: 'Queued…' }, { status: 'queued' }],
      running: true,
      startedAt: 1_000,
    }
    const ended = endBatch(batch, 3_500)
    expect(ended.running).toBe(false)
    expect(ended.seconds).toBe(2.5)
    expect(ended.items.map((i) => i.status)).toEqual(['placed', 'failed', 'failed'])
    expect(ended.items[1]).toMatchObject({ error: { code: 'aborted' } })
  })
})
