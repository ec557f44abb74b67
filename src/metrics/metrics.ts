import { collectDefaultMetrics, Registry } from 'prom-client';
import type { ConfigStatus } from '../config/index.ts';
import { classifyMetrics, type ClassifierObserver } from './classify-metrics.ts';
import { configMetrics } from './config-metrics.ts';
import { httpMetrics, type HttpMetrics } from './http-metrics.ts';
import { pollMetrics, type PollMetrics } from './poll-metrics.ts';
import { queueMetrics, type JobsObserver } from './queue-metrics.ts';
import { storeMetrics, type StoreObserver } from './store-metrics.ts';

/** One process's metrics: its own registry and what records into it. */
export interface Metrics {
  registry: Registry;
  polls: PollMetrics;
  http: HttpMetrics;
  observeStore: StoreObserver;
  observeClassifier: ClassifierObserver;
  watchJobs: JobsObserver;
  /** Reports the config's status (a failed reload) from now on. */
  watchConfig(status: () => ConfigStatus): void;
  /** The Prometheus text exposition of everything, and its content type. */
  exposition(): Promise<{ contentType: string; body: string }>;
}

/**
 * Creates the registry of this process (never prom-client's global one, so two apps in one test
 * process, or a test and the app, never share counters) with the process metrics of Node
 * (`collectDefaultMetrics`: CPU, memory, event-loop lag, GC), and every wirefeed metric.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    polls: pollMetrics(registry),
    http: httpMetrics(registry),
    observeStore: storeMetrics(registry),
    observeClassifier: classifyMetrics(registry),
    watchJobs: queueMetrics(registry),
    watchConfig: (status) => configMetrics(registry, status),
    exposition: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
