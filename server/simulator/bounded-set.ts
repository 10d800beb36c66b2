/** A set that forgets its oldest entries past `limit`, so long runs keep memory flat. */
export class BoundedSet<T> {
  private readonly items = new Set<T>()

  constructor(private readonly limit: number) {}

  has(item: T): boolean {
    return this.items.has(item)
  }

  add(item: T): void {
    this.items.delete(item)
    this.items.add(item)
    for (const oldest of this.items) {
      if (this.items.size <= this.limit) break
      this.items.delete(oldest)
    }
  }
}
