import type { Server } from 'node:http';
import { createApp } from '../http/index.ts';
import { startWorker } from '../worker/index.ts';
import type { Services } from './services.ts';

/** Starts the HTTP server and/or the worker, and stops both cleanly on SIGINT/SIGTERM. */
export async function runService(services: Services, parts: { http: boolean; worker: boolean; port: number }): Promise<void> {
  const { logger } = services;
  const worker = parts.worker ? startWorker(services) : undefined;
  const server = parts.http ? await listen(services, parts.port) : undefined;
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await worker?.stop();
  await services.close();
}

async function listen(services: Services, port: number): Promise<Server> {
  const app = createApp({ store: services.store, config: services.config, logger: services.logger });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => {
      services.logger.info({ port, baseUrl: services.config.output.baseUrl }, 'http listening');
      resolve(server);
    });
    server.once('error', reject);
  });
}
