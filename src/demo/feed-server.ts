import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The demo's feed files served on a loopback port: the base URL its sources name. */
export interface DemoFeedServer {
  baseUrl: string;
  close(): Promise<void>;
}

const MEDIA_TYPES: Record<string, string> = {
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml',
  '.xml': 'application/xml',
};

/**
 * Serves the named files of `dir` at `/<file>` on 127.0.0.1, an ephemeral port; any other path is
 * a 404, so nothing but the listed feeds can be read through it. Bodies are read at each request:
 * a file edited while the demo runs is what the next poll gets.
 */
export async function startDemoFeedServer(dir: string, files: readonly string[]): Promise<DemoFeedServer> {
  const served = new Set(files);
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://demo').pathname.slice(1);
    if (!served.has(name) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a demo feed\n');
      return;
    }
    readFile(path.join(dir, name)).then(
      (body) => res.writeHead(200, { 'content-type': MEDIA_TYPES[path.extname(name)] ?? 'application/xml' }).end(req.method === 'HEAD' ? undefined : body),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`demo: cannot read ${name}: ${String(error)}\n`),
    );
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The poller's kept-alive sockets would hold the close open; its polls are over by now.
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
