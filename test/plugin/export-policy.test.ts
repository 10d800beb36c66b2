import { describe, expect, it } from 'vitest'

import {
  MAX_UPSCALE,
  planExport,
  REFERENCE_LONG_EDGE,
  THUMBNAIL_LONG_EDGE,
} from '../../plugin/export/export-policy'

describe('planExport', () => {
  it('scales a desktop frame down to the long-edge cap, by width', () => {
    const plan = planExport({ width: 1440, height: 900 }, true, 'reference')
    expect(plan).toEqual({
      format: 'JPG',
      mimeType: 'image/jpeg',
      constraint: { type: 'WIDTH', value: REFERENCE_LONG_EDGE },
      width: 1536,
      height: 960,
    })
  })

  it('constrains a tall frame by height and keeps its shape', () => {
    const plan = planExport({ width: 375, height: 3000 }, false, 'reference')
    expect(plan.constraint).toEqual({ type: 'HEIGHT', value: 1536 })
    expect(plan.width).toBe(192)
    expect(plan.format).toBe('PNG')
    expect(plan.mimeType).toBe('image/png')
  })

  it('upscales small nodes at most 2x', () => {
    const plan = planExport({ width: 120, height: 80 }, true, 'reference')
    expect(plan.width).toBe(120 * MAX_UPSCALE)
    expect(plan.height).toBe(80 * MAX_UPSCALE)
  })

  it('makes thumbnails no bigger than the thumbnail cap', () => {
    const plan = planExport({ width: 1920, height: 1080 }, true, 'thumbnail')
    expect(Math.max(plan.width, plan.height)).toBe(THUMBNAIL_LONG_EDGE)
    expect(plan.height).toBe(54)
  })

  it('never produces a zero-pixel side for extreme shapes', () => {
    const plan = planExport({ width: 10_000, height: 1 }, true, 'reference')
    expect(plan.height).toBe(1)
  })

  it('refuses nodes with no area', () => {
    expect(() => planExport({ width: 0, height: 100 }, true, 'reference')).toThrow(
      /no width or height/
    )
  })
})
