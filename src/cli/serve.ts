import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config, ConfigStatus } from '../config/index.ts';
import { createCatalog, createHandler, publishedFeeds, type PushReceiver } from '../http/index.ts';
import type { WebSubPublisher, Worker } from '../worker/index.ts';
import type { PushQueueOptions } from '../worker/push-queue.ts';
import { createPollMonitor, createReadiness, type MonitorDeps } from '../health/index.ts';
import type { Metrics } from '../metrics/index.ts';
import { watchConfig } from './config-watch.ts';
import { observeServices, startProbe } from './observe.ts';
import { fileHere, pushReceiver, type PushRoute } from './push-receiver.ts';
import type { Services } from './services.ts';
import { stopped } from './stop-signals.ts';

/** Which parts run, on which port; `fixedBaseUrl` when BASE_URL set the public address. */
export interface ServiceParts {
  http: boolean;
  worker: boolean;
  port: number;
  fixedBaseUrl?: boolean;
  /** Reads the config file again, for reloads on SIGHUP and on a change of its files. */
  loadConfig: () => Promise<Config>;
  /** With Redis: the queue a lone `serve` hands WebSub pushes to, and every worker takes them from. */
  pushQueue?: PushQueueOptions;
  /** Aborted by SIGINT/SIGTERM: the service stops, or stops starting (a part not started yet never starts). */
  stop: AbortSignal;
  /** METRICS_PORT: a listener of its own for /metrics, /readyz and /healthz (what `worker` is watched by). */
  metricsPort?: number;
}

/** The HTTP server running, at the address its links name. */
export interface RunningHttp {
  server: Server;
  baseUrl: string;
  /** Serves `config` from the next request on; requests under way finish with the old one. */
  reload(config: Config): void;
}

/**
 * Starts the HTTP server and/or the worker, reloads the config on SIGHUP and when its files change
 * (an invalid edit keeps the running config), and stops both cleanly when `parts.stop` aborts, even
 * while they start.
 */
export async function runService(given: Services, parts: ServiceParts): Promise<void> {
  const { metrics, services } = observeServices(given);
  const { logger } = services;
  // Filled in as the parts start; a reload reaches those already running.
  const running: { http?: RunningHttp; worker?: Worker } = {};
  let baseUrl = publicBaseUrl(services.config.output.baseUrl, parts.port, parts.fixedBaseUrl);
  const watch = watchConfig({
    initial: services.config,
    load: parts.loadConfig,
    logger,
    apply: (config) => {
      running.http?.reload(config);
      services.useRegions(config.regions);
      running.worker?.reload(withBaseUrl(config, baseUrl));
    },
  });
  metrics.watchConfig(watch.status);
  // SIGHUP would end the process by default; here it means "read the config again".
  const hangup = (): void => void watch.reload('SIGHUP').catch((error: unknown) => logger.error({ err: error }, 'config reload failed'));
  process.on('SIGHUP', hangup);
  // Each part starts with the config last loaded, in case a change was read while another started.
  // A stop asked for while one starts lets it finish starting, then none of the rest starts; what
  // started is stopped in every case, a part failing to start included.
  const { stop } = parts;
  const started: {
    receiver?: { receive: PushReceiver; close(): Promise<void> };
    consumer?: { close(): Promise<void> };
    probe?: { close(callback: () => void): unknown };
  } = {};
  try {
    if (parts.http && !stop.aborted) started.receiver = await pushReceiver(services, pushRoute(parts));
    if (parts.http && !stop.aborted) {
      running.http = await startHttp({ ...services, config: watch.config() }, parts, { configStatus: watch.status, push: started.receiver?.receive, metrics });
    }
    baseUrl = running.http?.baseUrl ?? baseUrl;
    if (parts.worker && !stop.aborted) {
      running.worker = await startWorkerWith({ ...services, config: withBaseUrl(watch.config(), baseUrl) }, { metrics, sources: () => watch.config().sources });
    }
    const readiness = createReadiness({ store: services.store, config: watch.config, configStatus: watch.status });
    if (parts.metricsPort !== undefined && !stop.aborted) {
      started.probe = await startProbe(services, { port: parts.metricsPort, metrics, readiness, configStatus: watch.status });
    }
    // Every process with a worker takes queued pushes, `start` too: a lone `serve` beside it may queue them.
    if (parts.worker && parts.pushQueue && services.config.output.publicUrl && !stop.aborted) {
      started.consumer = await consumePushesWith(services, parts.pushQueue);
    }
    if (stop.aborted) logger.info({ signal: stop.reason }, 'stopped while starting');
    await stopped(stop);
    logger.info({ signal: stop.reason }, 'shutting down');
  } finally {
    watch.close();
    await new Promise<void>((resolve) => (running.http ? running.http.server.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (started.probe ? started.probe.close(() => resolve()) : resolve()));
    await running.worker?.stop();
    await started.consumer?.close();
    await started.receiver?.close();
    await services.close();
    process.off('SIGHUP', hangup);
  }
}

/**
 * Listens first, then builds the app for the address really listened on: self links, OPML and
 * the OpenAPI servers entry name the port in use (PORT=0 included), or BASE_URL behind a proxy.
 */
export async function startHttp(
  services: Pick<Services, 'store' | 'config' | 'logger'>,
  parts: Pick<ServiceParts, 'port' | 'fixedBaseUrl'>,
  extras: { configStatus?: () => ConfigStatus; push?: PushReceiver; metrics?: Metrics } = {},
): Promise<RunningHttp> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parts.port, () => resolve());
  });
  try {
    const { port } = server.address() as AddressInfo;
    const baseUrl = publicBaseUrl(services.config.output.baseUrl, port, parts.fixedBaseUrl);
    // A reload swaps the whole handler (catalog, render cache, fast path): no response of a removed
    // region or of an old config outlives it.
    const handlerFor = (config: Config) => createHandler({ store: services.store, config: withBaseUrl(config, baseUrl), logger: services.logger, ...extras });
    let handler = handlerFor(services.config);
    server.on('request', (req, res) => handler(req, res));
    services.logger.info({ port, baseUrl }, 'http listening');
    return { server, baseUrl, reload: (config) => (handler = handlerFor(config)) };
  } catch (error) {
    // A server left listening with no app would take connections and never answer them.
    server.close();
    throw error;
  }
}

/**
 * The public base URL: BASE_URL or `output.baseUrl` as configured, except that a loopback one
 * (`http://localhost:8080`, the shipped default) takes the port this process listens on, since
 * nothing else can be reached at a loopback address.
 */
export function publicBaseUrl(configured: string, port: number, fixed = false): string {
  const url = new URL(configured);
  if (!fixed && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) url.port = String(port);
  return url.href.replace(/\/+$/, '');
}

function withBaseUrl(config: Config, baseUrl: string): Config {
  return { ...config, output: { ...config.output, baseUrl } };
}

// The worker's code is loaded only by the commands that run it. With Redis, due sources go through
// the BullMQ queue every worker shares. With output.websub.hub set, the hub is told after polls
// which region and country feeds changed; a reload names the feeds (and the hub) of the new config.
async function startWorkerWith(services: Services, watched: Pick<MonitorDeps, 'metrics' | 'sources'>): Promise<Worker> {
  const { createWebSubPublisher, startWorker } = await import('../worker/index.ts');
  const monitor = createPollMonitor({ ...watched, store: services.store, logger: services.logger });
  const publisherFor = async (config: Config): Promise<WebSubPublisher | undefined> => {
    const hub = config.output.websub?.hub;
    if (!hub) return undefined;
    const feeds = publishedFeeds(createCatalog(config));
    const publisher = createWebSubPublisher({ hub, feeds, store: services.store, logger: services.logger, userAgent: services.userAgent });
    await publisher.start();
    return publisher;
  };
  let publisher = await publisherFor(services.config);
  const queue = await services.openQueue?.();
  // Seconds of gazetteer building inside a job would outlast its lock, and another worker would take it over.
  if (queue) services.prepareClassifier?.();
  const worker = startWorker({ ...services, monitor }, { queue, afterCycle: async () => publisher?.publishChanges() });
  services.logger.info({ dispatch: queue ? 'queue' : 'in-process' }, 'worker started');
  return {
    async stop() {
      await worker.stop();
      monitor.close();
    },
    reload(config) {
      worker.reload(config);
      publisherFor(config).then(
        (next) => (publisher = next),
        (error: unknown) => services.logger.warn({ err: error }, 'websub: feeds of the reloaded config not taken; the previous ones stay'),
      );
    },
  };
}

// WebSub pushes are filed where the pipeline is: here with the worker, else by the workers through Redis, else here once loaded.
function pushRoute(parts: ServiceParts): PushRoute {
  if (parts.worker) return { kind: 'here' };
  return parts.pushQueue ? { kind: 'queue', ...parts.pushQueue } : { kind: 'here-lazily' };
}

async function consumePushesWith(services: Services, queue: PushQueueOptions): Promise<{ close(): Promise<void> }> {
  const { consumePushes } = await import('../worker/push-queue.ts');
  return consumePushes(queue, (push) => fileHere(push, services), services.logger);
}
