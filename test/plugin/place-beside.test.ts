import { describe, expect, it } from 'vitest'

import { centerOn, placeBeside, PLACEMENT_GAP, unionRect } from '../../plugin/layout/place-beside'

const source = { x: 100, y: 50, width: 400, height: 300 }
const size = { width: 1024, height: 1024 }

describe('placeBeside', () => {
  it('goes right of the source, top-aligned, one gap away', () => {
    expect(placeBeside(source, size, [])).toEqual({ x: 100 + 400 + PLACEMENT_GAP, y: 50 })
  })

  it('skips past a sibling it would cover', () => {
    const sibling = { x: 600, y: 0, width: 200, height: 200 }
    expect(placeBeside(source, size, [sibling])).toEqual({ x: 800 + PLACEMENT_GAP, y: 50 })
  })

  it('keeps skipping through a row of siblings', () => {
    const row = [0, 1, 2].map((i) => ({ x: 560 + i * 300, y: 100, width: 250, height: 250 }))
    const at = placeBeside(source, size, row)
    expect(at.x).toBe(560 + 2 * 300 + 250 + PLACEMENT_GAP)
    for (const r of row) expect(at.x >= r.x + r.width || at.x + size.width <= r.x).toBe(true)
  })

  it('ignores siblings that are out of its way', () => {
    const below = { x: 600, y: 2000, width: 200, height: 200 }
    expect(placeBeside(source, size, [below])).toEqual({ x: 540, y: 50 })
  })

  it('treats a sibling exactly one gap away as clear', () => {
    const next = { x: 540 + 1024 + PLACEMENT_GAP, y: 50, width: 10, height: 10 }
    expect(placeBeside(source, size, [next]).x).toBe(540)
  })
})

describe('unionRect and centerOn', () => {
  it('bounds several sources', () => {
    const union = unionRect([source, { x: -20, y: 400, width: 100, height: 100 }])
    expect(union).toEqual({ x: -20, y: 50, width: 520, height: 450 })
    expect(() => unionRect([])).toThrow()
  })

  it('centres a result on the viewport centre', () => {
    expect(centerOn({ x: 500, y: 500 }, { width: 1024, height: 768 })).toEqual({ x: -12, y: 116 })
  })
})

describe('placeBeside with a node-like size', () => {
  it('reads only width and height from the size, not its own position', () => {
    const node = { x: 0, y: 0, width: 100, height: 100 }
    expect(placeBeside(source, node, [])).toEqual({ x: 540, y: 50 })
  })
})
