/**
 * @module
 * Published facts about Gemini's image models (ai.google.dev, 2026-04): accepted ratios and sizes,
 * exact output pixels, output tokens and input limits. Both the Peel catalogue and the simulator
 * read them, so the simulator answers with exactly what Google's table promises.
 */
import { ASPECT_RATIOS } from '../../protocol/api'
import type { AspectRatio, ImageSize } from '../../protocol/api'

/** What Peel knows about one Gemini image model. */
export interface ModelSpec {
  id: string
  label: string
  /** 3-series models think, sign their image parts and take up to 14 references. */
  series: '2.5' | '3'
  maxReferences: number
  aspectRatios: readonly AspectRatio[]
  /** Empty when the model has one fixed size per ratio (2.5 Flash Image). */
  imageSizes: readonly ImageSize[]
  /** Output tokens billed per image, by size (`fixed` for models without sizes). */
  outputTokens: Partial<Record<ImageSize | 'fixed', number>>
}

// Every model takes the first ten ratios; 3.1 Flash adds the four extreme ones.
const BASE_RATIOS = ASPECT_RATIOS.slice(0, 10)
const EXTRA_RATIOS = ASPECT_RATIOS.slice(10)

export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    id: 'gemini-3.1-flash-image',
    label: 'Nano Banana 2 (Gemini 3.1 Flash Image)',
    series: '3',
    maxReferences: 14,
    aspectRatios: [...BASE_RATIOS, ...EXTRA_RATIOS],
    imageSizes: ['512', '1K', '2K', '4K'],
    outputTokens: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  },
  {
    id: 'gemini-3-pro-image',
    label: 'Nano Banana Pro (Gemini 3 Pro Image)',
    series: '3',
    maxReferences: 14,
    aspectRatios: BASE_RATIOS,
    imageSizes: ['1K', '2K', '4K'],
    outputTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
  },
  {
    id: 'gemini-2.5-flash-image',
    label: 'Nano Banana (Gemini 2.5 Flash Image)',
    series: '2.5',
    maxReferences: 3,
    aspectRatios: BASE_RATIOS,
    imageSizes: [],
    outputTokens: { fixed: 1290 },
  },
]

/** Landscape (or square) pixels; portrait ratios are the transposes. */
type PixelRow = readonly [width: number, height: number]
type LandscapeRatio = '1:1' | '3:2' | '4:3' | '5:4' | '16:9' | '21:9' | '4:1' | '8:1'

const SERIES_3_PIXELS: Record<ImageSize, Partial<Record<LandscapeRatio, PixelRow>>> = {
  // Google publishes 792×168 for 21:9 at 512, which matches no ratio in the table: every other
  // 512 cell is exactly half of its 1K cell, so this uses half of 1584×672.
  '512': {
    '1:1': [512, 512],
    '3:2': [632, 424],
    '4:3': [600, 448],
    '5:4': [576, 464],
    '16:9': [688, 384],
    '21:9': [792, 336],
    '4:1': [1024, 256],
    '8:1': [1536, 192],
  },
  '1K': {
    '1:1': [1024, 1024],
    '3:2': [1264, 848],
    '4:3': [1200, 896],
    '5:4': [1152, 928],
    '16:9': [1376, 768],
    '21:9': [1584, 672],
    '4:1': [2048, 512],
    '8:1': [3072, 384],
  },
  '2K': {
    '1:1': [2048, 2048],
    '3:2': [2528, 1696],
    '4:3': [2400, 1792],
    '5:4': [2304, 1856],
    '16:9': [2752, 1536],
    '21:9': [3168, 1344],
    '4:1': [4096, 1024],
    '8:1': [6144, 768],
  },
  '4K': {
    '1:1': [4096, 4096],
    '3:2': [5056, 3392],
    '4:3': [4800, 3584],
    '5:4': [4608, 3712],
    '16:9': [5504, 3072],
    '21:9': [6336, 2688],
    '4:1': [8192, 2048],
    '8:1': [12288, 1536],
  },
}

const SERIES_25_PIXELS: Partial<Record<LandscapeRatio, PixelRow>> = {
  '1:1': [1024, 1024],
  '3:2': [1248, 832],
  '4:3': [1184, 864],
  '5:4': [1152, 896],
  '16:9': [1344, 768],
  '21:9': [1536, 672],
}

const PORTRAIT: Partial<Record<AspectRatio, LandscapeRatio>> = {
  '2:3': '3:2',
  '3:4': '4:3',
  '4:5': '5:4',
  '9:16': '16:9',
  '1:4': '4:1',
  '1:8': '8:1',
}

/** Looks up a spec by model id; `models/` prefixes are accepted as Gemini accepts them. */
export function findModelSpec(id: string): ModelSpec | undefined {
  const bare = id.startsWith('models/') ? id.slice('models/'.length) : id
  return MODEL_SPECS.find((spec) => spec.id === bare)
}

/** The size a model uses when a request names none. */
export function defaultImageSize(spec: ModelSpec): ImageSize | undefined {
  return spec.imageSizes.length === 0 ? undefined : '1K'
}

/**
 * The exact output pixels for a model, ratio and size, or `undefined` when the model does not
 * offer that combination.
 */
export function outputPixels(
  spec: ModelSpec,
  ratio: AspectRatio,
  size: ImageSize | undefined
): { width: number; height: number } | undefined {
  if (!spec.aspectRatios.includes(ratio)) return undefined
  const effectiveSize = size ?? defaultImageSize(spec)
  if (effectiveSize !== undefined && !spec.imageSizes.includes(effectiveSize)) return undefined
  const landscape = PORTRAIT[ratio]
  const key = (landscape ?? ratio) as LandscapeRatio
  const row =
    spec.series === '2.5'
      ? SERIES_25_PIXELS[key]
      : effectiveSize === undefined
        ? undefined
        : SERIES_3_PIXELS[effectiveSize][key]
  if (row === undefined) return undefined
  const [w, h] = row
  return landscape === undefined ? { width: w, height: h } : { width: h, height: w }
}

/** Output tokens billed for one image of this model and size. */
export function outputTokensPerImage(spec: ModelSpec, size: ImageSize | undefined): number {
  const key = spec.imageSizes.length === 0 ? 'fixed' : (size ?? '1K')
  return spec.outputTokens[key] ?? 0
}

/** The supported ratio closest to a width/height, compared on a log scale so 2:1 and 1:2 are even. */
export function nearestAspectRatio(
  ratios: readonly AspectRatio[],
  width: number,
  height: number
): AspectRatio {
  const target = Math.log(width / height)
  let best: AspectRatio = '1:1'
  let bestDistance = Infinity
  for (const ratio of ratios) {
    const [w, h] = ratio.split(':').map(Number) as [number, number]
    const distance = Math.abs(Math.log(w / h) - target)
    if (distance < bestDistance) {
      best = ratio
      bestDistance = distance
    }
  }
  return best
}
