import { useEffect, useState } from 'preact/hooks'

import type { ModelInfo } from '../../protocol/api'
import type { Options } from '../options/options'

/**
 * The panel's options for the next run. Until the user picks a model the catalogue offers (and
 * whenever the chosen one leaves it), the server's default model is chosen, at 1K where it can.
 */
export function useOptions(models: ModelInfo[]) {
  const [options, setOptions] = useState<Options>({
    model: '',
    ratio: 'match',
    size: undefined,
    variants: 1,
  })
  const model = models.find((m) => m.id === options.model)
  useEffect(() => {
    if (model !== undefined || models.length === 0) return
    const fallback = models.find((m) => m.default) ?? models[0]
    if (fallback !== undefined)
      setOptions((current) => ({
        ...current,
        model: fallback.id,
        ratio: 'match',
        size: fallback.imageSizes.includes('1K') ? '1K' : fallback.imageSizes[0],
      }))
  }, [models, model])
  return [options, setOptions] as const
}
