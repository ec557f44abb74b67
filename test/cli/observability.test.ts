// How a running wirefeed says how it is doing, tried on real processes: `wirefeed start` on a temp
// SQLite store polling a loopback fixture server and a closed port (its /metrics, /readyz, per-poll
// and summary log lines), `wirefeed status` and a lone `wirefeed serve` on the store it left, the
// first-run guidance when no source answers, and `wirefeed worker` on Redis with METRICS_PORT.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreEnv } from '../reliability/store-env.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { labelValues, scrape, valueOf, type Sample } from '../support/metrics-text.ts';
import { finished, freePort, runCli, startCli, type CliResult } from '../support/run-cli.ts';

let fixtures: FixtureServer;
let dir: string;
let closedUrl: string;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-observe-'));
  closedUrl = `http://127.0.0.1:${await freePort()}/feed.xml`;
});

afterAll(async () => {
  await fixtures?.close();
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string, sources: [string, string][]): Promise<string> {
  const file = path.join(dir, name);
  const lines = sources.map(([id, url]) => `  - { id: ${id}, url: "${url}", title: ${id}, language: en }`);
  await writeFile(
    file,
    `regions:
  - { id: world, title: World, description: Every story, all: true }
  - { id: russia, title: Russia, description: Russia, countries: [RU] }
sources:
${lines.join('\n')}
output:
  baseUrl: http://feeds.example.test
fetch:
  allowPrivateNetworks: true # the fixture server is on loopback
  perHost: 1 # the fixtures in config order, so which item is a copy is known
  hostSpacingMs: 0
`,
  );
  return file;
}

async function waitFor<T>(probe: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gave up waiting');
}

/** A long-running CLI process, its stderr as it grows, and how to stop it. */
function service(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; stderr: () => string; stop: () => Promise<CliResult> } {
  const child = startCli(args, { LOG_LEVEL: 'info', ...env });
  const exit = finished(child);
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return {
    child,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exit;
    },
  };
}

function logLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function readyz(baseUrl: string): Promise<{ status: number; body: { ready: boolean; reasons: string[] } }> {
  const response = await fetch(`${baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as { ready: boolean; reasons: string[] } };
}

describe('wirefeed start, then status and a lone serve, on the embedded store', () => {
  it('measures, logs and reports its polls', async () => {
    const config = await configFile('feeds.yaml', [
      ['wire-moscow', fixtures.url('wire/ria-world.rss')],
      ['markets', fixtures.url('wire/markets-no-place.rss')],
      ['daily-outlet', fixtures.url('wire/outlet-world.atom')],
      ['closed', closedUrl],
    ]);
    const env = { WIREFEED_DATA_DIR: path.join(dir, 'data'), PORT: String(await freePort()) };
    const baseUrl = `http://127.0.0.1:${env.PORT}`;
    const start = service(['start', '--config', config], env);
    let summaries: Array<Record<string, unknown>> = [];
    try {
      expect(
        (
          await waitFor(
            () => readyz(baseUrl),
            (answer) => answer.status === 200,
          )
        ).body,
      ).toMatchObject({ ready: true, reasons: [] });
      summaries = await waitFor(
        async () => logLines(start.stderr()).filter((line) => typeof line.summary === 'object'),
        (found) => found.length > 0,
      );
      await fetch(`${baseUrl}/feeds/world.rss`);
      const samples = await scrape(baseUrl);
      expectPollMetrics(samples);
      expect(valueOf(samples, 'wirefeed_http_requests_total', { route: '/feeds/:file', method: 'GET', status: '200' })).toBe(1);
    } finally {
      expect((await start.stop()).code).toBe(0);
    }
    expect(summaries.map((line) => line.msg)).toEqual(['4 sources: 3 ok, 1 failing: closed (refused)']);
    const polled = logLines(start.stderr()).filter((line) => line.msg === 'source polled' || line.msg === 'source failed');
    expect(polled.find((line) => line.source === 'wire-moscow')).toMatchObject({ status: 'ok', items: 2, newStories: 2, copies: 0 });
    expect(polled.find((line) => line.source === 'daily-outlet')).toMatchObject({ status: 'ok', items: 3, newStories: 2, copies: 1 });
    expect(polled.find((line) => line.source === 'closed')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/ECONNREFUSED/) });
    for (const line of polled) {
      expect(Object.keys(line).sort()).toEqual(
        line.status === 'failed'
          ? ['durationMs', 'level', 'msg', 'reason', 'service', 'source', 'status', 'time']
          : ['bytes', 'copies', 'durationMs', 'items', 'level', 'msg', 'newStories', 'service', 'source', 'status', 'time'],
      );
    }
    expect(polled.find((line) => line.source === 'wire-moscow')?.bytes).toBeGreaterThan(1000);

    const status = await runCli(['status', '--config', config], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^config +.*feeds\.yaml: 4 sources, 2 regions$/m);
    expect(status.stdout).toMatch(/^store +SQLite in .*: 5 stories, \d+\.\d MB$/m);
    expect(status.stdout).toMatch(/^last poll +\d{4}-\d\d-\d\d \d\d:\d\dZ \(just now\)$/m);
    expect(status.stdout).toMatch(/^sources +4: 3 ok, 1 failing$/m);
    expect(status.stdout).toMatch(/^closed +failing +\d{4}-\d\d-\d\d \d\d:\d\dZ +1 +refused: fetch: connect ECONNREFUSED /m);
    expect(status.stdout).toMatch(/^REGION +PUBLISHED 24H +LAST CHANGE\nworld +0 +\d{4}-\d\d-\d\d \d\d:\d\dZ\nrussia +0 +\d{4}/m);

    // A lone serve is ready on the poll the worker noted in the store, and measures only HTTP and the store.
    env.PORT = String(await freePort());
    const serve = service(['serve', '--config', config], env);
    try {
      const answer = await waitFor(
        () => readyz(`http://127.0.0.1:${env.PORT}`),
        () => true,
      );
      expect(answer).toMatchObject({ status: 200, body: { ready: true } });
      const samples = await scrape(`http://127.0.0.1:${env.PORT}`);
      expect(valueOf(samples, 'wirefeed_http_requests_total', { route: '/readyz', status: '200' })).toBe(1);
      expect(valueOf(samples, 'wirefeed_store_operation_duration_seconds_count', { operation: 'lastPolled' })).toBe(1);
      expect(samples.filter((sample) => sample.name === 'wirefeed_polls_total')).toEqual([]);
    } finally {
      expect((await serve.stop()).code).toBe(0);
    }
  });
});

function expectPollMetrics(samples: Sample[]): void {
  const polls = (labels: Record<string, string>) => valueOf(samples, 'wirefeed_polls_total', labels);
  expect(polls({ source: 'wire-moscow', outcome: 'ok' })).toBe(1);
  expect(polls({ source: 'closed', outcome: 'failed', error_class: 'refused' })).toBe(1);
  expect(labelValues(samples, 'wirefeed_polls_total', 'source')).toEqual(['closed', 'daily-outlet', 'markets', 'wire-moscow']);
  expect(valueOf(samples, 'wirefeed_fetch_duration_seconds_count')).toBe(4);
  expect(valueOf(samples, 'wirefeed_fetch_duration_seconds_count', { outcome: 'failed' })).toBe(1);
  expect(valueOf(samples, 'wirefeed_poll_duration_seconds_count')).toBe(4);
  expect(valueOf(samples, 'wirefeed_fetched_bytes_total')).toBeGreaterThan(3000);
  expect(valueOf(samples, 'wirefeed_items_parsed_total')).toBe(6);
  expect(valueOf(samples, 'wirefeed_stories_filed_total', { kind: 'new' })).toBe(5);
  expect(valueOf(samples, 'wirefeed_stories_filed_total', { kind: 'copy' })).toBe(1);
  expect(valueOf(samples, 'wirefeed_classified_stories_total', { region: 'world' })).toBe(5);
  expect(valueOf(samples, 'wirefeed_classified_stories_total', { region: 'russia' })).toBe(2);
  expect(valueOf(samples, 'wirefeed_classified_stories_total', { region: '(no country)' })).toBe(1);
  // Three polls brought items (one filing each); the failing one's state went in a state batch.
  expect(valueOf(samples, 'wirefeed_store_operation_duration_seconds_count', { operation: 'fileSource' })).toBe(3);
  expect(valueOf(samples, 'wirefeed_store_operation_duration_seconds_count', { operation: 'fileStates' })).toBe(1);
  expect(valueOf(samples, 'wirefeed_last_poll_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);
  expect(valueOf(samples, 'wirefeed_last_cycle_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);
  expect(valueOf(samples, 'wirefeed_config_reload_failed')).toBe(0);
  expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  // Labels are config ids, classes, routes and kinds: never a URL or a story id.
  const values = samples.flatMap((sample) => Object.values(sample.labels));
  expect(values.filter((value) => /^https?:|127\.0\.0\.1|example/.test(value))).toEqual([]);
}

describe('wirefeed start when no source answers', () => {
  it('logs once which sources failed, why and what to check, and says the same on /', async () => {
    const config = await configFile('failing.yaml', [
      ['closed', closedUrl],
      ['missing', fixtures.url('wire/no-such-feed.xml')],
    ]);
    const env = { WIREFEED_DATA_DIR: path.join(dir, 'first-run'), PORT: String(await freePort()) };
    const baseUrl = `http://127.0.0.1:${env.PORT}`;
    const start = service(['start', '--config', config], env);
    try {
      const guidance = await waitFor(
        async () => logLines(start.stderr()).filter((line) => String(line.msg).startsWith('no source has answered yet')),
        (found) => found.length > 0,
      );
      expect(guidance).toHaveLength(1);
      expect(guidance[0]).toMatchObject({
        level: 40,
        firstRun: [
          { source: 'closed', reason: 'refused' },
          { source: 'missing', reason: 'HTTP 404' },
        ],
      });
      expect(guidance[0]?.msg).toBe(
        'no source has answered yet: all 2 sources failed: closed (refused), missing (HTTP 404). Check: ' +
          'the hosts did not accept or answer the connections: check the network, a firewall or proxy in the way, and the ports in the URLs; ' +
          "the servers answered with HTTP errors: check each source's url in the config",
      );
      const home = await (await fetch(baseUrl)).text();
      expect(home).toContain('No source has answered yet');
      expect(home).toContain('(closed): refused: <code>fetch: connect ECONNREFUSED');
      expect(home).not.toContain('No stories yet.');
    } finally {
      expect((await start.stop()).code).toBe(0);
    }
  });
});

describe('wirefeed worker on Redis with METRICS_PORT', () => {
  it('answers /metrics (queue depth and job outcomes) and /readyz, which a bad config edit turns 503', async () => {
    const store = await createStoreEnv('redis');
    const config = await configFile('worker.yaml', [['wire-moscow', fixtures.url('wire/ria-world.rss')]]);
    const metricsPort = await freePort();
    const baseUrl = `http://127.0.0.1:${metricsPort}`;
    const worker = service(['worker', '--config', config], { ...store.env, METRICS_PORT: String(metricsPort) });
    try {
      await waitFor(
        () => readyz(baseUrl),
        (answer) => answer.status === 200,
      );
      const samples = await waitFor(
        () => scrape(baseUrl),
        (found) => valueOf(found, 'wirefeed_queue_jobs_total', { outcome: 'completed' }) >= 1,
      );
      expect(valueOf(samples, 'wirefeed_polls_total', { source: 'wire-moscow', outcome: 'ok' })).toBe(1);
      expect(labelValues(samples, 'wirefeed_queue_jobs', 'state')).toEqual(['active', 'delayed', 'failed', 'prioritized', 'waiting']);
      expect((await fetch(`${baseUrl}/feeds/world.rss`)).status).toBe(404);

      await writeFile(config, 'regions: [\n');
      worker.child.kill('SIGHUP');
      const broken = await waitFor(
        () => readyz(baseUrl),
        (answer) => answer.status === 503,
      );
      expect(broken.body.reasons).toEqual([
        expect.stringMatching(/^config: the last edit of .*worker\.yaml did not load, the config loaded at .* runs: config: .*worker\.yaml:/),
      ]);
      expect(valueOf(await scrape(baseUrl), 'wirefeed_config_reload_failed')).toBe(1);
    } finally {
      expect((await worker.stop()).code).toBe(0);
      await store.cleanup();
    }
  });
});
