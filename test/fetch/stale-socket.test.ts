import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../src/domain/index.ts';
import { createFetchAgent, fetchSource } from '../../src/fetch/index.ts';

const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });
const BODY = '<rss version="2.0"><channel><title>t</title></channel></rss>';
let server: Server;
let connections = 0;
let resets = 0;
let url: string;

// Answers the first request of each connection, advertising keep-alive with no timeout, and resets the
// connection when a second request arrives on it: what a server that dropped an idle socket looks like.
function serve(socket: Socket): void {
  connections += 1;
  let answered = false;
  socket.on('data', () => {
    if (answered) {
      resets += 1;
      return void socket.resetAndDestroy();
    }
    answered = true;
    socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\nconnection: keep-alive\r\ncontent-length: ${BODY.length}\r\n\r\n${BODY}`);
  });
  socket.on('error', () => undefined);
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
});

afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});

const source: () => Source = () => ({ id: 'test', url, title: 'Test', language: 'en', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 10 });

describe('a keep-alive socket the server dropped', () => {
  it('is retried once on a new connection instead of failing the poll', async () => {
    const options = { agent, timeoutMs: 5_000, maxBytes: 100_000, userAgent: 'wirefeed-test' };
    const first = await fetchSource(source(), options);
    // The first socket returns to the pool on the next turn; a real schedule polls long after that.
    await new Promise((resolve) => setImmediate(resolve));
    const second = await fetchSource(source(), options);
    expect(first.kind === 'ok' && Buffer.from(first.body).toString()).toBe(BODY);
    expect(second.kind === 'ok' && Buffer.from(second.body).toString()).toBe(BODY);
    // The second poll went out on the kept-alive socket, was reset, and went again on a new connection.
    expect([resets, connections]).toEqual([1, 2]);
  });
});
