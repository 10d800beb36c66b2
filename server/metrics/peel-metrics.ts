/**
 * @module
 * The series Peel exports at `GET /metrics`.
 */
import { MetricsRegistry } from './metrics-registry'
import type { Counter, Histogram } from './metrics-registry'

export interface PeelMetrics {
  registry: MetricsRegistry
  requests: Counter
  requestSeconds: Histogram
  generations: Counter
  upstreamAttempts: Counter
  images: Counter
  tokens: Counter
}

/** Generations take seconds to minutes; API calls milliseconds. */
const SECONDS = [0.005, 0.025, 0.1, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120, 300]

export function createPeelMetrics(gauges: {
  inFlight: () => number
  queued: () => number
  replayBytes: () => number
}): PeelMetrics {
  const registry = new MetricsRegistry()
  const metrics: PeelMetrics = {
    registry,
    requests: registry.counter(
      'peel_http_requests_total',
      'HTTP requests by method, route and status.'
    ),
    requestSeconds: registry.histogram(
      'peel_http_request_duration_seconds',
      'HTTP request duration by route.',
      SECONDS
    ),
    generations: registry.counter(
      'peel_generations_total',
      'Finished generations by model and outcome.'
    ),
    upstreamAttempts: registry.counter(
      'peel_upstream_attempts_total',
      'Calls made to Gemini, retries included, by model.'
    ),
    images: registry.counter('peel_images_total', 'Images returned to clients, by model.'),
    tokens: registry.counter(
      'peel_tokens_total',
      'Gemini tokens by model and kind (input, output).'
    ),
  }
  registry.gauge('peel_generations_in_flight', 'Generations running now.', gauges.inFlight)
  registry.gauge(
    'peel_generations_queued',
    'Generations waiting for an upstream slot.',
    gauges.queued
  )
  registry.gauge(
    'peel_idempotency_cache_bytes',
    'Memory held by replayable results.',
    gauges.replayBytes
  )
  registry.gauge('process_resident_memory_bytes', 'Resident memory of the Peel process.', () =>
    process.memoryUsage.rss()
  )
  return metrics
}
