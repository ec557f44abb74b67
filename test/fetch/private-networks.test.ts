import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, type Source } from '../../src/domain/index.ts';
import { createFetchAgent, fetchSource, type FetchOptions } from '../../src/fetch/index.ts';
import { isPublicAddress } from '../../src/fetch/address-guard.ts';

const guarded = createFetchAgent({ allowPrivateNetworks: false, timeoutMs: 5_000 });
const open = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });
// 127.0.0.2 stands for an intranet feed server the config allows, the rest of loopback staying refused.
const intranet = createFetchAgent({ allowPrivateNetworks: false, allowedNetworks: ['127.0.0.2/32'], timeoutMs: 5_000 });
const requests: string[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/hop') return void response.writeHead(302, { location: `http://127.0.0.1:${port}/feed.xml` }).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel/></rss>');
  });
  // Both stacks, so that [::1] and localhost (either family) reach it when allowed.
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await Promise.all([guarded.close(), open.close(), intranet.close()]);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function options(agent: FetchOptions['agent']): FetchOptions {
  return { agent, timeoutMs: 5_000, maxBytes: 100_000, userAgent: 'wirefeed-test' };
}

function source(url: string): Source {
  return { id: 'test', url, title: 'Test', language: 'en', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 10 };
}

async function refusal(url: string): Promise<FetchError> {
  const before = requests.length;
  const error = await fetchSource(source(url), options(guarded)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchError);
  // Refused at connect time: the server never sees the request.
  expect(requests.length).toBe(before);
  return error as FetchError;
}

describe('the private-network guard', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
  ])('refuses the IP literal %s, naming the address, not retryable', async (host, address) => {
    const error = await refusal(`http://${host}:${port}/feed.xml`);
    expect(error.message).toBe(
      `fetch: ${address} is at ${address}, a private or local address (fetch.allowPrivateNetworks is off and fetch.allowedNetworks does not name it)`,
    );
    expect(error.retryable).toBe(false);
  });

  it('refuses a name that resolves to loopback, checked on the looked-up address', async () => {
    const error = await refusal(`http://localhost:${port}/feed.xml`);
    expect(error.message).toMatch(
      /^fetch: localhost is at (127\.0\.0\.1|::1), a private or local address \(fetch\.allowPrivateNetworks is off and fetch\.allowedNetworks does not name it\)$/,
    );
    expect(error.retryable).toBe(false);
  });

  it('fetches the same addresses, and a redirect to loopback, when private networks are allowed', async () => {
    for (const host of ['127.0.0.1', '[::1]', 'localhost']) {
      const result = await fetchSource(source(`http://${host}:${port}/feed.xml`), options(open));
      expect(result.kind).toBe('ok');
    }
    const redirected = await fetchSource(source(`http://localhost:${port}/hop`), options(open));
    expect(redirected.kind === 'ok' && redirected.finalUrl).toBe(`http://127.0.0.1:${port}/feed.xml`);
  });

  it('fetches from a range fetch.allowedNetworks names, and refuses its redirect to an address outside it', async () => {
    const fetched = await fetchSource(source(`http://127.0.0.2:${port}/feed.xml`), options(intranet));
    expect(fetched.kind).toBe('ok');
    const before = requests.length;
    const error = await fetchSource(source(`http://127.0.0.2:${port}/hop`), options(intranet)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toMatch(/^fetch: 127\.0\.0\.1 is at 127\.0\.0\.1, a private or local address/);
    // The allowed hop was asked; the redirect's target never was.
    expect(requests.slice(before)).toEqual(['/hop']);
  });

  it('refuses a source whose redirect hops land on loopback when they are not allowed', async () => {
    const error = await refusal(`http://localhost:${port}/hop`);
    expect(error.retryable).toBe(false);
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['224.0.0.251', false],
    ['255.255.255.255', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['not an address', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
