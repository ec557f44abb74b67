import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

const TYPES: Record<string, string> = {
  '.rss': 'application/rss+xml',
  '.xml': 'application/xml',
  '.rdf': 'application/rdf+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
};

/** A real HTTP server on 127.0.0.1 serving files under test/fixtures/ by path; unknown paths are 404. */
export interface FixtureServer {
  url(fixturePath: string): string;
  requests: string[];
  close(): Promise<void>;
}

/** Starts the fixture server on a free port. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(pathname);
    const file = path.join(FIXTURES, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server has no port');
  return {
    url: (fixturePath) => `http://127.0.0.1:${address.port}/${fixturePath}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
