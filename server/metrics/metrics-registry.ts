/**
 * @module
 * A small Prometheus registry: counters, gauges read at scrape time, and histograms, written in
 * the text exposition format (version 0.0.4). Enough for Peel's handful of series without a
 * dependency that brings its own default collectors.
 */

type Labels = Record<string, string>

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(
    ([key, value]) =>
      `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
  )
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`
}

interface Series {
  render(): string[]
}

export class Counter implements Series {
  private readonly values = new Map<string, number>()
  constructor(readonly name: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels)
    this.values.set(key, (this.values.get(key) ?? 0) + by)
  }
  render(): string[] {
    return [...this.values].map(([labels, value]) => `${this.name}${labels} ${value}`)
  }
}

export class Histogram implements Series {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>()
  constructor(
    readonly name: string,
    private readonly buckets: readonly number[]
  ) {}
  observe(labels: Labels, value: number): void {
    const key = JSON.stringify(labels)
    const entry = this.series.get(key) ?? { counts: this.buckets.map(() => 0), sum: 0, count: 0 }
    this.buckets.forEach((bound, index) => {
      if (value <= bound) entry.counts[index] = (entry.counts[index] ?? 0) + 1
    })
    entry.sum += value
    entry.count += 1
    this.series.set(key, entry)
  }
  render(): string[] {
    return [...this.series].flatMap(([key, entry]) => {
      const labels = JSON.parse(key) as Labels
      return [
        ...this.buckets.map(
          (bound, index) =>
            `${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${entry.counts[index] ?? 0}`
        ),
        `${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${entry.count}`,
        `${this.name}_sum${labelText(labels)} ${entry.sum}`,
        `${this.name}_count${labelText(labels)} ${entry.count}`,
      ]
    })
  }
}

class Gauge implements Series {
  constructor(
    readonly name: string,
    private readonly read: () => number
  ) {}
  render(): string[] {
    return [`${this.name} ${this.read()}`]
  }
}

export class MetricsRegistry {
  private readonly entries: { name: string; help: string; type: string; series: Series }[] = []

  counter(name: string, help: string): Counter {
    const counter = new Counter(name)
    this.entries.push({ name, help, type: 'counter', series: counter })
    return counter
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const histogram = new Histogram(name, buckets)
    this.entries.push({ name, help, type: 'histogram', series: histogram })
    return histogram
  }

  gauge(name: string, help: string, read: () => number): void {
    this.entries.push({ name, help, type: 'gauge', series: new Gauge(name, read) })
  }

  /** The exposition text for a scrape. */
  render(): string {
    return (
      this.entries
        .flatMap(({ name, help, type, series }) => [
          `# HELP ${name} ${help}`,
          `# TYPE ${name} ${type}`,
          ...series.render(),
        ])
        .join('\n') + '\n'
    )
  }
}
