/**
 * @module
 * An optional, byte-capped LRU of rendered images. Rendering is deterministic (the same inputs
 * always give the same bytes), so a cache is invisible to clients; it exists so benchmarks and
 * load tests measure the client, not the simulator's PNG encoder.
 */

export class RenderCache {
  private readonly entries = new Map<string, Buffer>()
  private bytes = 0

  /** @param maxBytes the most image bytes kept; older entries are dropped first. */
  constructor(private readonly maxBytes: number) {}

  /** The cached image for `key`, marking it recently used. */
  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key)
    if (hit !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, hit)
    }
    return hit
  }

  set(key: string, image: Buffer): void {
    if (image.length > this.maxBytes) return
    const old = this.entries.get(key)
    if (old !== undefined) {
      this.bytes -= old.length
      this.entries.delete(key)
    }
    this.entries.set(key, image)
    this.bytes += image.length
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= value.length
    }
  }

  /** Bytes currently held. */
  get size(): number {
    return this.bytes
  }

  /** Returns the cached image or renders, stores and returns it. */
  async getOrRender(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    const image = await render()
    this.set(key, image)
    return image
  }
}
