import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the recorder answered: to which host, which path, when it arrived and ended (ms). */
export interface RecordedRequest {
  host: string;
  path: string;
  start: number;
  end: number;
}

/** A feed server on several loopback addresses (one port) that records overlapping requests per host. */
export interface HostRecorder {
  /** Hosts (`127.0.0.1:port`, `127.0.0.2:port`, …) in the order of `addresses`. */
  hosts: string[];
  requests: RecordedRequest[];
  /** Most requests in flight at once, to one host and in all. */
  maxInFlight(host?: string): number;
  close(): Promise<void>;
}

const feed = (path: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${path}</title><link>https://wire.example/</link><description>d</description>` +
  `<item><title>Story at ${path}</title><link>https://wire.example${path}/1</link><guid>${path}/1</guid></item></channel></rss>`;

/** Starts the recorder on `addresses` (default 127.0.0.1 and 127.0.0.2), answering each request after `delayMs`. */
export async function startHostRecorder(delayMs: number, addresses = ['127.0.0.1', '127.0.0.2']): Promise<HostRecorder> {
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<string, number>();
  const peaks = new Map<string, number>();
  const bump = (key: string, by: number) => {
    inFlight.set(key, (inFlight.get(key) ?? 0) + by);
    peaks.set(key, Math.max(peaks.get(key) ?? 0, inFlight.get(key) as number));
  };
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers.host ?? '';
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const entry = { host, path, start: performance.now(), end: Number.NaN };
    requests.push(entry);
    bump(host, 1);
    bump('*', 1);
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(path));
      entry.end = performance.now();
      bump(host, -1);
      bump('*', -1);
    }, delayMs);
  };
  const servers: Server[] = [];
  let port = 0;
  for (const address of addresses) {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(port, address, resolve));
    port = (server.address() as AddressInfo).port;
    servers.push(server);
  }
  return {
    hosts: addresses.map((address) => `${address}:${port}`),
    requests,
    maxInFlight: (host = '*') => peaks.get(host) ?? 0,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise((resolve) => (server.close(resolve), server.closeAllConnections()))));
    },
  };
}
