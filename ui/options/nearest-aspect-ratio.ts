import type { AspectRatio } from '../../protocol/api'

/**
 * The supported ratio closest to a width/height ("match frame"), compared on a log scale so that
 * 2:1 and 1:2 are equally far from 1:1.
 */
export function nearestAspectRatio(
  ratios: readonly AspectRatio[],
  width: number,
  height: number
): AspectRatio | undefined {
  if (!(width > 0 && height > 0)) return undefined
  const target = Math.log(width / height)
  let best: AspectRatio | undefined
  let bestDistance = Infinity
  for (const ratio of ratios) {
    const [w = 1, h = 1] = ratio.split(':').map(Number)
    const distance = Math.abs(Math.log(w / h) - target)
    if (distance < bestDistance) {
      best = ratio
      bestDistance = distance
    }
  }
  return best
}
