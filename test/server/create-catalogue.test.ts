import { describe, expect, it } from 'vitest'
import { ModelsResponseSchema } from '../../protocol/api'
import { createCatalogue } from '../../server/gemini/create-catalogue'

describe('createCatalogue', () => {
  it('offers the three GA models with their real limits, 3.1 Flash first and default', () => {
    const { models } = ModelsResponseSchema.parse({ models: createCatalogue().models })
    expect(models.map((m) => [m.id, m.default, m.maxReferences])).toEqual([
      ['gemini-3.1-flash-image', true, 14],
      ['gemini-3-pro-image', false, 14],
      ['gemini-2.5-flash-image', false, 3],
    ])
    expect(models.map((m) => m.multiTurn)).toEqual([true, true, false])
    const [flash, pro, legacy] = models
    expect(flash?.imageSizes).toEqual(['512', '1K', '2K', '4K'])
    expect(pro?.imageSizes).toEqual(['1K', '2K', '4K'])
    expect(legacy?.imageSizes).toEqual([])
    expect(flash?.aspectRatios).toContain('8:1')
    expect(pro?.aspectRatios).not.toContain('8:1')
    expect(legacy?.aspectRatios).toHaveLength(10)
  })

  it('follows PEEL_MODELS order and PEEL_DEFAULT_MODEL', () => {
    const catalogue = createCatalogue(
      ['gemini-2.5-flash-image', 'gemini-3-pro-image'],
      'gemini-3-pro-image'
    )
    expect(catalogue.models.map((m) => [m.id, m.default])).toEqual([
      ['gemini-2.5-flash-image', false],
      ['gemini-3-pro-image', true],
    ])
    expect(catalogue.defaultModel.id).toBe('gemini-3-pro-image')
  })

  it('lets a new model borrow the limits of a known one', () => {
    const catalogue = createCatalogue(['gemini-nano-banana-2.1=gemini-3.1-flash-image'])
    expect(catalogue.find('gemini-nano-banana-2.1')).toMatchObject({
      maxReferences: 14,
      series: '3',
    })
  })

  it('rejects unknown models and a default that is not offered', () => {
    expect(() => createCatalogue(['gemini-9-ultra'])).toThrow(
      /PEEL_MODELS: unknown model gemini-9-ultra/
    )
    expect(() => createCatalogue(['gemini-3-pro-image'], 'gemini-2.5-flash-image')).toThrow(
      /PEEL_DEFAULT_MODEL/
    )
  })
})
