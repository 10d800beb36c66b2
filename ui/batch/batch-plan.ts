import type { AspectRatio, ImageSize } from '../../protocol/api'

/** One frame to restyle: the subject, placed beside itself at its own aspect ratio. */
export interface BatchTarget {
  nodeId: string
  name: string
  aspectRatio?: AspectRatio
}

/** What every item of one batch shares. */
export interface BatchPlan {
  id: string
  prompt: string
  model: string
  imageSize?: ImageSize
  targets: BatchTarget[]
  styles: { nodeId: string; name: string }[]
}
