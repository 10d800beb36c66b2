/**
 * @module
 * Estimated prices per output image in US dollars (third-party transcriptions of Google's pricing
 * page, 2026-11; check it before relying on them). `PEEL_PRICES` overrides any entry.
 */
import type { ImageSize } from '../../protocol/api'
import type { ModelSpec } from './model-specs'

/** Dollars per output image, by size; `fixed` for models without sizes. */
export type PriceTable = Record<string, Partial<Record<ImageSize | 'fixed', number>>>

export const DEFAULT_PRICES: PriceTable = {
  'gemini-2.5-flash-image': { fixed: 0.039 },
  'gemini-3-pro-image': { '1K': 0.134, '2K': 0.134, '4K': 0.24 },
  'gemini-3.1-flash-image': { '512': 0.045, '1K': 0.067, '2K': 0.101, '4K': 0.151 },
}

/** The estimated cost of `images` output images, in micro-dollars (0 when no price is known). */
export function estimateCostMicroUsd(
  prices: PriceTable,
  spec: ModelSpec,
  size: ImageSize | undefined,
  images: number
): number {
  const row = prices[spec.id] ?? {}
  const price = spec.imageSizes.length === 0 ? row.fixed : row[size ?? '1K']
  return Math.round((price ?? 0) * 1_000_000) * images
}
