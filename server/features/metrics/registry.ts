import { Histogram, Registry } from 'prom-client'

/**
 * This instance's Prometheus registry. Request latency is labelled by the matched route pattern (never the raw
 * URL: paths carry tokens and external user ids) so the series stay few.
 */
export function createMetrics() {
  const registry = new Registry()
  const requestSeconds = new Histogram({
    name: 'advisor_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  return { registry, requestSeconds }
}

export type Metrics = ReturnType<typeof createMetrics>
