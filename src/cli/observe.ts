import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigStatus } from '../config/index.ts';
import type { Readiness } from '../health/index.ts';
import { createProbeApp } from '../http/index.ts';
import { createMetrics, type Metrics } from '../metrics/index.ts';
import type { Services } from './services.ts';
import { createStateBatch } from '../worker/index.ts';

/** A service's metrics, and its parts wrapped to record into them. */
export interface Observed {
  metrics: Metrics;
  services: Services;
}

/**
 * The process's one metrics registry, and the services every part uses (HTTP, worker, pushes)
 * with their store, classifier and fetch agent recording into it.
 */
export function observeServices(services: Services): Observed {
  const metrics = createMetrics();
  const store = metrics.observeStore(services.store);
  const observed: Services = {
    ...services,
    store,
    // The batch writes through the observed store, so its writes are counted as fileStates.
    fileState: createStateBatch(store),
    classifier: metrics.observeClassifier(services.classifier),
    agent: { ...services.agent, observe: metrics.polls.recordFetch },
  };
  return { metrics, services: observed };
}

/** What a METRICS_PORT listener answers with. */
export interface ProbeParts {
  port: number;
  metrics: Metrics;
  readiness: () => Promise<Readiness>;
  configStatus: () => ConfigStatus;
}

/** Listens on METRICS_PORT with `/metrics`, `/readyz` and `/healthz`: how `wirefeed worker` is watched. */
export async function startProbe(services: Pick<Services, 'store' | 'logger'>, parts: ProbeParts): Promise<Server> {
  const app = createProbeApp({ ...services, ...parts });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parts.port, () => resolve());
  });
  services.logger.info({ port: (server.address() as AddressInfo).port }, 'metrics listening');
  return server;
}
