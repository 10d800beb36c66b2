/**
 * @module
 * Bytes as the list of chunks they arrived in (a socket delivers a body 64 kB at a time), read as
 * if they were one buffer, so a multi-megabyte body never has to be copied into one just to be
 * searched or sliced.
 */
export class Rope {
  readonly length: number
  private readonly starts: number[] = []

  constructor(readonly parts: readonly Buffer[]) {
    let at = 0
    for (const part of parts) {
      this.starts.push(at)
      at += part.length
    }
    this.length = at
  }

  /** The part holding byte `index`, and where that part starts. */
  private locate(index: number): { part: number; start: number } {
    let low = 0
    let high = this.parts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((this.starts[middle] ?? 0) <= index) low = middle
      else high = middle - 1
    }
    return { part: low, start: this.starts[low] ?? 0 }
  }

  /** The byte at `index`, or `undefined` past either end. */
  at(index: number): number | undefined {
    if (index < 0 || index >= this.length) return undefined
    const { part, start } = this.locate(index)
    return this.parts[part]?.[index - start]
  }

  /** The first `needle` at or after `from`, including one that spans two parts, or -1. */
  indexOf(needle: Buffer, from = 0): number {
    if (from >= this.length) return -1
    const seamWidth = needle.length - 1
    for (let { part, start } = this.locate(Math.max(0, from)); part < this.parts.length; part++) {
      const bytes = this.parts[part] ?? Buffer.alloc(0)
      const local = bytes.indexOf(needle, Math.max(0, from - start))
      if (local !== -1) return start + local
      const next = this.parts[part + 1]
      if (next !== undefined && seamWidth > 0) {
        // A match that starts in this part's last bytes and ends in the next part's first.
        const tail = bytes.subarray(Math.max(0, bytes.length - seamWidth))
        const seam = Buffer.concat([tail, next.subarray(0, seamWidth)])
        const found = seam.indexOf(needle)
        const at = start + bytes.length - tail.length + found
        if (found !== -1 && found < tail.length && at >= from) return at
      }
      start += bytes.length
    }
    return -1
  }

  /** Views of the bytes from `start` to `end`, in order; nothing is copied. */
  slice(start: number, end: number): Buffer[] {
    const views: Buffer[] = []
    if (end <= start) return views
    for (let { part, start: at } = this.locate(start); part < this.parts.length; part++) {
      const bytes = this.parts[part] ?? Buffer.alloc(0)
      const from = Math.max(0, start - at)
      const to = Math.min(bytes.length, end - at)
      if (to > from) views.push(bytes.subarray(from, to))
      at += bytes.length
      if (at >= end) break
    }
    return views
  }
}
