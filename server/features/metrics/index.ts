/** Public face of the metrics feature: Prometheus registry, request timing and the /metrics route. */
export { createMetrics, type Metrics } from './registry.js'
export { metricsRoutes, observeRequests } from './metrics.routes.js'
