/** Prometheus metrics (prom-client): one registry per process, passed to what records into it. */
export { createMetrics, type Metrics } from './metrics.ts';
export type { HttpMetrics, RequestObservation } from './http-metrics.ts';
export type { PollMetrics } from './poll-metrics.ts';
export { NO_COUNTRY, NO_REGION } from './classify-metrics.ts';
