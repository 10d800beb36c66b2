import type { AspectRatio, ImageSize } from '../../protocol/api'

/** "match" stands for the ratio nearest the subject's shape. */
export type RatioChoice = AspectRatio | 'match'

/** The panel's choices for the next run: model, aspect ratio, size and how many images. */
export interface Options {
  model: string
  ratio: RatioChoice
  size: ImageSize | undefined
  /** Images per request, 1–4, made as parallel calls. */
  variants: number
}
