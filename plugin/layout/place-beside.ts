/**
 * @module
 * Placement geometry for results, pure so it is tested without Figma.
 */

/** An axis-aligned box in one parent's coordinates. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Clear space between a result and its neighbours, enough to read as a separate frame. */
export const PLACEMENT_GAP = 40

/** The smallest box holding all of `rects`. */
export function unionRect(rects: readonly Rect[]): Rect {
  const first = rects[0]
  if (first === undefined) throw new RangeError('unionRect needs at least one rectangle.')
  let left = first.x
  let top = first.y
  let right = first.x + first.width
  let bottom = first.y + first.height
  for (const rect of rects) {
    left = Math.min(left, rect.x)
    top = Math.min(top, rect.y)
    right = Math.max(right, rect.x + rect.width)
    bottom = Math.max(bottom, rect.y + rect.height)
  }
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/** True when `a` and `b` come closer than `gap` on both axes. Exactly `gap` apart is fine. */
function crowds(a: Rect, b: Rect, gap: number): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  )
}

/**
 * Where a box of `size` goes: right of `anchor`, top-aligned with it, then pushed further right
 * past any sibling it would cover, so nothing existing is hidden under a result.
 */
export function placeBeside(
  anchor: Rect,
  size: { width: number; height: number },
  siblings: readonly Rect[],
  gap = PLACEMENT_GAP
): { x: number; y: number } {
  const candidate = {
    x: anchor.x + anchor.width + gap,
    y: anchor.y,
    width: size.width,
    height: size.height,
  }
  // Each pass moves right past at least one sibling, so siblings.length + 1 passes suffice.
  for (let pass = 0; pass <= siblings.length; pass++) {
    const blockers = siblings.filter((sibling) => crowds(candidate, sibling, gap))
    if (blockers.length === 0) break
    candidate.x = Math.max(...blockers.map((b) => b.x + b.width + gap))
  }
  return { x: Math.round(candidate.x), y: Math.round(candidate.y) }
}

/** Top-left corner that centres a box of `size` on `center` (Create mode: the viewport centre). */
export function centerOn(
  center: { x: number; y: number },
  size: { width: number; height: number }
): { x: number; y: number } {
  return { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2) }
}
