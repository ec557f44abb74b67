import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/index.ts';
import { createCatalog, createHandler, publishedFeeds } from '../http/index.ts';
import type { Worker, WorkerOptions } from '../worker/index.ts';
import type { Services } from './services.ts';

/** Which parts run, on which port; `fixedBaseUrl` when BASE_URL set the public address. */
export interface ServiceParts {
  http: boolean;
  worker: boolean;
  port: number;
  fixedBaseUrl?: boolean;
}

/** Starts the HTTP server and/or the worker, and stops both cleanly on SIGINT/SIGTERM. */
export async function runService(services: Services, parts: ServiceParts): Promise<void> {
  const { logger } = services;
  const http = parts.http ? await startHttp(services, parts) : undefined;
  const config = withBaseUrl(services.config, http?.baseUrl ?? publicBaseUrl(services.config.output.baseUrl, parts.port, parts.fixedBaseUrl));
  const worker = parts.worker ? await startWorkerWith({ ...services, config }) : undefined;
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await new Promise<void>((resolve) => (http ? http.server.close(() => resolve()) : resolve()));
  await worker?.stop();
  await services.close();
}

/**
 * Listens first, then builds the app for the address really listened on: self links, OPML and
 * the OpenAPI servers entry name the port in use (PORT=0 included), or BASE_URL behind a proxy.
 */
export async function startHttp(services: Services, parts: Pick<ServiceParts, 'port' | 'fixedBaseUrl'>): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parts.port, () => resolve());
  });
  try {
    const { port } = server.address() as AddressInfo;
    const baseUrl = publicBaseUrl(services.config.output.baseUrl, port, parts.fixedBaseUrl);
    server.on('request', createHandler({ store: services.store, config: withBaseUrl(services.config, baseUrl), logger: services.logger }));
    services.logger.info({ port, baseUrl }, 'http listening');
    return { server, baseUrl };
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
// which region and country feeds changed.
async function startWorkerWith(services: Services): Promise<Worker> {
  const { createWebSubPublisher, startWorker } = await import('../worker/index.ts');
  const hub = services.config.output.websub?.hub;
  let options: WorkerOptions = { queue: await services.openQueue?.() };
  // Seconds of gazetteer building inside a job would outlast its lock, and another worker would take it over.
  if (options.queue) services.prepareClassifier?.();
  if (hub) {
    const feeds = publishedFeeds(createCatalog(services.config));
    const publisher = createWebSubPublisher({ hub, feeds, store: services.store, logger: services.logger, userAgent: services.userAgent });
    await publisher.start();
    options = { ...options, afterCycle: () => publisher.publishChanges() };
  }
  const worker = startWorker(services, options);
  services.logger.info({ dispatch: options.queue ? 'queue' : 'in-process' }, 'worker started');
  return worker;
}
