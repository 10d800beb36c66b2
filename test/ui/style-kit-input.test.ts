import { describe, expect, it } from 'vitest'

import type { ModelInfo } from '../../protocol/api'
import type { SelectedNode } from '../../protocol/messages'
import { planBatch } from '../../ui/batch/plan-batch'
import { generationInput } from '../../ui/generate/generation-input'

const model: ModelInfo = {
  id: 'gemini-2.5-flash-image',
  label: 'Nano Banana',
  default: true,
  maxReferences: 3,
  multiTurn: false,
  aspectRatios: ['1:1', '4:3'],
  imageSizes: [],
}
const node = (id: string): SelectedNode => ({
  id,
  name: `Frame ${id}`,
  type: 'FRAME',
  width: 400,
  height: 300,
  isResult: false,
})
const kit = [{ nodeId: 'k', name: 'Brand' }]
const base = {
  prompt: 'Restyle',
  model,
  options: { model: model.id, ratio: 'match' as const, size: undefined, variants: 1 },
  matched: undefined,
  roles: new Map<string, 'subject' | 'style'>(),
}

describe('the style kit in a run', () => {
  it('goes as style references in every mode, counted against the model limit', () => {
    const create = generationInput({
      ...base,
      summary: { mode: 'create', nodes: [], notices: [] },
      kit,
    })
    expect(create.ok && create.value.references).toEqual([
      { nodeId: 'k', name: 'Brand', role: 'style' },
    ])
    const nodes = [node('a'), node('b'), node('c')]
    const full = generationInput({ ...base, summary: { mode: 'edit', nodes, notices: [] }, kit })
    expect(full).toEqual({
      ok: false,
      reason: 'Use at most 3 references with this model, style kit included.',
    })
    // A kit frame that is also selected is sent once.
    const overlap = generationInput({
      ...base,
      summary: { mode: 'edit', nodes: [node('a'), node('k')], notices: [] },
      kit,
    })
    expect(overlap.ok && overlap.value.references.map((r) => r.nodeId)).toEqual(['a', 'k'])
  })

  it('makes every selected frame a batch target with the kit as style', () => {
    const plan = planBatch({
      nodes: [node('a'), node('b'), node('k')],
      roles: new Map(),
      model,
      prompt: '',
      imageSize: undefined,
      id: 'batch-1',
      kit,
    })
    expect(plan?.ok && plan.plan.targets.map((t) => t.nodeId)).toEqual(['a', 'b'])
    expect(plan?.ok && plan.plan.styles).toEqual([{ nodeId: 'k', name: 'Brand' }])
  })
})
