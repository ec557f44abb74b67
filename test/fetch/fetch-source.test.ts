import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, type Source } from '../../src/domain/index.ts';
import { createFetchAgent, fetchSource, type FetchOptions } from '../../src/fetch/index.ts';
import { parseFeed } from '../../src/parse/index.ts';

const FEED = new URL('../fixtures/feeds/rss2/feed-rs__relative-urls-xmlbase.xml', import.meta.url);
// The fixture server is on loopback, which only an agent allowing private networks reaches.
const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });
const OPTIONS: FetchOptions = { agent, timeoutMs: 5_000, maxBytes: 1_000_000, userAgent: 'wirefeed-test/1 (+https://example.test)' };

let server: Server;
let base: string;
let feedBytes: Buffer;
let lastHeaders: IncomingHttpHeaders = {};
let endlessClosed: Promise<number>;

// Keeps writing 64 KiB chunks until the client hangs up; resolves with the bytes written.
function endless(response: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let written = 0;
  endlessClosed = new Promise((resolve) => response.on('close', () => resolve(written)));
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  const pump = () => {
    let flowing = true;
    while (!response.destroyed && flowing) {
      flowing = response.write(chunk);
      written += chunk.length;
    }
    if (!response.destroyed) response.once('drain', pump);
  };
  pump();
}

function drip(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  const timer = setInterval(() => response.write('<'), 20);
  response.on('close', () => clearInterval(timer));
}

const routes: Record<string, (response: ServerResponse, headers: IncomingHttpHeaders) => void> = {
  '/feed.xml': (response, headers) => {
    if (headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Tue, 02 Mar 2021 22:39:15 GMT' });
    response.end(feedBytes);
  },
  '/moved': (response) => void response.writeHead(301, { location: '/feed.xml' }).end(),
  '/slow': drip,
  // Never answers: only the request budget ends the wait.
  '/silent': () => undefined,
  '/to-silent-host': (response) => void response.writeHead(302, { location: `http://localhost:${new URL(base).port}/silent` }).end(),
  '/endless': endless,
  '/declared-huge': (response) => {
    response.writeHead(200, { 'content-length': String(2 * 1024 ** 3) });
    response.write('<rss>');
  },
  '/gone': (response) => void response.writeHead(404).end('not found'),
  '/busy': (response) => void response.writeHead(503).end('try later'),
  '/throttled': (response) => void response.writeHead(429).end(),
  '/permanent': (response) => void response.writeHead(301, { location: '/temporary' }).end(),
  '/temporary': (response) => void response.writeHead(302, { location: '/also-permanent' }).end(),
  '/also-permanent': (response) => void response.writeHead(308, { location: `${base}/feed.xml` }).end(),
  '/see-other': (response) => void response.writeHead(307, { location: '/feed.xml' }).end(),
  '/loop': (response) => void response.writeHead(302, { location: '/loop' }).end(),
  '/to-ftp': (response) => void response.writeHead(301, { location: 'ftp://example.com/feed.xml' }).end(),
  '/no-location': (response) => void response.writeHead(302).end(),
  '/retired': (response) => void response.writeHead(410).end('gone for good'),
  '/busy-for-2-minutes': (response) => void response.writeHead(503, { 'retry-after': '120' }).end(),
  '/throttled-until': (response) => {
    const date = new Date('2026-01-01T12:00:00Z');
    response.writeHead(429, { date: date.toUTCString(), 'retry-after': new Date(date.getTime() + 90_000).toUTCString() }).end();
  },
  '/throttled-for-a-week': (response) => void response.writeHead(429, { 'retry-after': String(7 * 86_400) }).end(),
  '/gzip': (response) => void response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(feedBytes)),
  '/deflate': (response) => void response.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(feedBytes)),
  '/br': (response) => void response.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(feedBytes)),
  // 64 MiB of zeros in about 64 KiB: only the decompressed size counts against the limit.
  '/gzip-bomb': (response) => void response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipBomb),
  '/mislabelled-cp1251': (response) => void response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(CP1251_FEED),
};

const gzipBomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));

// A Russian feed in windows-1251 with no XML declaration, served by a server that claims UTF-8.
const CP1251_FEED = iconv.encode(
  '<rss version="2.0"><channel><title>Новости</title><item><title>Москва</title>' +
    '<description>В Москве прошло заседание правительства, на котором обсуждали бюджет города на следующий год.</description></item>' +
    '<item><title>Погода</title><description>Синоптики обещают снег и сильный ветер в центральных районах страны.</description></item></channel></rss>',
  'windows-1251',
);

beforeAll(async () => {
  feedBytes = await readFile(FEED);
  server = createServer((request, response) => {
    lastHeaders = request.headers;
    const route = routes[request.url ?? ''];
    if (route) route(response, request.headers);
    else response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function source(path: string): Source {
  return { id: 'test', url: `${base}${path}`, title: 'Test', language: 'en', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 10 };
}

async function fetchError(path: string, options: Partial<FetchOptions> = {}): Promise<FetchError> {
  const error = await fetchSource(source(path), { ...OPTIONS, ...options }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('fetchSource', () => {
  it('returns the exact bytes, validators and content type, sending User-Agent and Accept', async () => {
    const result = await fetchSource(source('/feed.xml'), OPTIONS);
    expect(result).toEqual({
      kind: 'ok',
      body: new Uint8Array(feedBytes),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Tue, 02 Mar 2021 22:39:15 GMT',
      finalUrl: `${base}/feed.xml`,
      status: 200,
      hubs: [],
    });
    expect(lastHeaders['user-agent']).toBe('wirefeed-test/1 (+https://example.test)');
    expect(lastHeaders['accept']).toMatch(/^application\/rss\+xml, application\/atom\+xml, application\/feed\+json/);
    expect(lastHeaders['if-none-match']).toBeUndefined();
  });

  it('sends the validators and reports not-modified on 304', async () => {
    const result = await fetchSource(source('/feed.xml'), { ...OPTIONS, etag: '"v1"', lastModified: 'Tue, 02 Mar 2021 22:39:15 GMT' });
    expect(result).toEqual({ kind: 'not-modified', status: 304, hubs: [] });
    expect(lastHeaders['if-none-match']).toBe('"v1"');
    expect(lastHeaders['if-modified-since']).toBe('Tue, 02 Mar 2021 22:39:15 GMT');
  });

  it('follows redirects and reports the final URL and the permanent target', async () => {
    const result = await fetchSource(source('/moved'), OPTIONS);
    expect(result.kind === 'ok' && result.finalUrl).toBe(`${base}/feed.xml`);
    expect(result.permanentRedirect).toBe(`${base}/feed.xml`);
  });

  it('records the first 301/308 of a chain, absolute, and follows 302 and 308 after it', async () => {
    const result = await fetchSource(source('/permanent'), OPTIONS);
    expect(result).toMatchObject({ kind: 'ok', status: 200, finalUrl: `${base}/feed.xml`, permanentRedirect: `${base}/temporary` });
  });

  it('follows a 307 without recording it', async () => {
    const result = await fetchSource(source('/see-other'), OPTIONS);
    expect(result.kind === 'ok' && result.finalUrl).toBe(`${base}/feed.xml`);
    expect(result.permanentRedirect).toBeUndefined();
  });

  it.each([
    ['/loop', 'fetch: 302 from HOST redirects more than 5 times'],
    ['/no-location', 'fetch: 302 from HOST redirects without a Location'],
    ['/to-ftp', 'fetch: unsupported scheme ftp: in ftp://example.com/feed.xml'],
  ])('refuses the redirect of %s', async (path, message) => {
    const error = await fetchError(path);
    expect(error.message).toBe(message.replace('HOST', new URL(base).host));
    expect(error.retryable).toBe(false);
  });

  it.each(['/gzip', '/deflate', '/br'])('decompresses a %s body', async (path) => {
    const result = await fetchSource(source(path), OPTIONS);
    expect(result.kind === 'ok' && Buffer.from(result.body).equals(feedBytes)).toBe(true);
  });

  it('stops a compressed body once its decompressed size passes the limit', async () => {
    const error = await fetchError('/gzip-bomb');
    expect(error.message).toBe(`fetch: body from ${new URL(base).host} exceeds 1000000 bytes`);
    expect(error.retryable).toBe(false);
  });

  it.each([
    ['/gone', 404, false],
    ['/busy', 503, true],
    ['/throttled', 429, true],
  ])('maps %s to a FetchError with status %i, retryable %s', async (path, status, retryable) => {
    const error = await fetchError(path);
    expect(error.message).toBe(`fetch: ${status} from ${new URL(base).host}`);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(retryable);
  });

  it('serves bytes labelled UTF-8 that are windows-1251, which parse reads as detected, saying so', async () => {
    const result = await fetchSource(source('/mislabelled-cp1251'), OPTIONS);
    if (result.kind !== 'ok') throw new Error('expected a body');
    const feed = parseFeed(result.body, { url: result.finalUrl, contentType: result.contentType });
    expect(feed.entries[0]?.title).toBe('Москва');
    expect(feed.warnings).toContain('parse: labelled utf-8 but the bytes are not valid UTF-8, detected windows-1251');
  });

  it('keeps 410 Gone as a non-retryable error with its status', async () => {
    const error = await fetchError('/retired');
    expect([error.message, error.status, error.retryable, error.hostWide]).toEqual([`fetch: 410 from ${new URL(base).host}`, 410, false, false]);
  });

  it.each([
    ['/busy-for-2-minutes', 503, 120],
    ['/throttled-until', 429, 90],
    ['/throttled-for-a-week', 429, 86_400],
    ['/throttled', 429, undefined],
  ])('gives %s a host-wide %i carrying Retry-After %s seconds', async (path, status, seconds) => {
    const error = await fetchError(path);
    expect([error.status, error.retryable, error.hostWide, error.retryAfterSeconds]).toEqual([status, true, true, seconds]);
  });

  it('times out a server that sends the body slowly, not just the headers', async () => {
    const error = await fetchError('/slow', { timeoutMs: 300 });
    expect(error.message).toBe(`fetch: timed out after 300 ms from ${new URL(base).host}`);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBeDefined();
  });

  it('times out a server that never sends its headers', async () => {
    const error = await fetchError('/silent', { timeoutMs: 300 });
    expect([error.message, error.retryable]).toEqual([`fetch: timed out after 300 ms from ${new URL(base).host}`, true]);
  });

  it('names the host that timed out after a redirect, not the source host', async () => {
    const error = await fetchError('/to-silent-host', { timeoutMs: 300 });
    expect(error.message).toBe(`fetch: timed out after 300 ms from localhost:${new URL(base).port}`);
  });

  it('rejects a declared Content-Length over the limit before reading the body', async () => {
    const error = await fetchError('/declared-huge');
    expect(error.message).toBe(`fetch: body from ${new URL(base).host} exceeds 1000000 bytes`);
    expect(error.retryable).toBe(false);
  });

  it('aborts an undeclared body as soon as it passes the limit', async () => {
    const error = await fetchError('/endless', { maxBytes: 200_000 });
    expect(error.message).toBe(`fetch: body from ${new URL(base).host} exceeds 200000 bytes`);
    expect(error.status).toBe(200);
    // The server notices the hang-up: the connection is closed, not drained into memory.
    const written = await endlessClosed;
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it('reports a refused connection as retryable, keeping the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetchSource({ ...source('/'), url: `http://127.0.0.1:${port}/feed` }, OPTIONS).catch((caught: FetchError) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toBe(`fetch: connect ECONNREFUSED 127.0.0.1:${port} from 127.0.0.1:${port}`);
    expect((error as FetchError).retryable).toBe(true);
  });

  it('refuses a non-HTTP URL without trying', async () => {
    const error = await fetchSource({ ...source('/'), url: 'file:///etc/passwd' }, OPTIONS).catch((caught: FetchError) => caught);
    expect((error as FetchError).message).toBe('fetch: unsupported scheme file: in file:///etc/passwd');
    expect((error as FetchError).retryable).toBe(false);
  });
});
