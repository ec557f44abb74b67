// The schedule end to end: ingestSource over a real HTTP server and a real SQLite file, checking the
// state it files (next poll, backoff, retirement) and that a body seen before is not parsed again.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClassifier, type Classifier } from '../../src/classify/index.ts';
import { parseConfig, type Config } from '../../src/config/index.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { ingestSource, type IngestDeps } from '../../src/worker/index.ts';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../support/scripted-server.ts';

const START = new Date('2026-02-09T12:00:00Z');
const MINUTE = 60_000;
const FEED = await readFile(new URL('../fixtures/wire/agency-africa.rss', import.meta.url));
const LATER = await readFile(new URL('../fixtures/wire/agency-africa-later.rss', import.meta.url));
const RSS = { 'content-type': 'application/rss+xml' };

let server: ScriptedServer;
let classifier: Classifier;
let dir: string;
let store: SqliteStore;
let clock: Date;
const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });

function configFor(feedPath: string): Config {
  return parseConfig(
    `regions:
  - { id: africa, title: Africa, description: Africa, areas: [Africa] }
sources:
  - { id: wire-africa, url: ${server.url(feedPath)}, title: Wire Africa, language: en }
output: { baseUrl: http://feeds.example.test }
fetch: { allowPrivateNetworks: true }
`,
    'schedule.yaml',
  );
}

function depsFor(config: Config): IngestDeps {
  return { config, store, classifier, logger: pino({ level: 'silent' }), agent, userAgent: 'wirefeed-test', now: () => clock, random: () => 0.5 };
}

// Polls the one source of the config and reads back the state it filed.
async function poll(config: Config) {
  const report = await ingestSource(config.sources[0]!, depsFor(config));
  const state = await store.getSourceState('wire-africa');
  if (!state) throw new Error('no state filed');
  return { report, state, minutesAhead: (Date.parse(state.nextPollAt ?? '') - clock.getTime()) / MINUTE };
}

function serve(reply: ScriptedReply) {
  server.reply(() => reply);
}

beforeAll(async () => {
  server = await startScriptedServer();
  classifier = createClassifier(configFor('/feed.rss').regions);
});

afterAll(async () => {
  await agent.close();
  await server.close();
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-schedule-'));
  store = await SqliteStore.open(path.join(dir, 'wirefeed.sqlite'));
  clock = START;
  server.requests.length = 0;
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the next poll after a success', () => {
  it('is never sooner than Cache-Control max-age (plus jitter)', async () => {
    serve({ status: 200, headers: { ...RSS, 'cache-control': 'public, max-age=3600' }, body: FEED });
    const { report, state, minutesAhead } = await poll(configFor('/feed.rss'));
    expect(report).toMatchObject({ status: 'ok', items: 2 });
    expect(state).toMatchObject({ lastStatus: 200, publisherMinMinutes: 60, consecutiveFailures: 0 });
    // 60 minutes and half of the 10 % jitter.
    expect(minutesAhead).toBe(63);
  });

  it('is never sooner than Expires', async () => {
    serve({ status: 200, headers: { ...RSS, expires: new Date(START.getTime() + 120 * MINUTE).toUTCString() }, body: FEED });
    const { state, minutesAhead } = await poll(configFor('/feed.rss'));
    expect(state.publisherMinMinutes).toBe(120);
    expect(minutesAhead).toBe(126);
  });

  it('follows a 304 too, keeping the validators', async () => {
    server.reply((request): ScriptedReply =>
      request.headers['if-none-match'] === '"v1"'
        ? { status: 304, headers: { 'cache-control': 'max-age=1800', etag: '"v1"' } }
        : { status: 200, headers: { ...RSS, etag: '"v1"' }, body: FEED },
    );
    const config = configFor('/feed.rss');
    await poll(config);
    clock = new Date(START.getTime() + 30 * MINUTE);
    const { report, state, minutesAhead } = await poll(config);
    expect(report.status).toBe('not-modified');
    expect(state).toMatchObject({ lastStatus: 304, etag: '"v1"', publisherMinMinutes: 30, itemsSeen: 2 });
    expect(minutesAhead).toBe(31.5);
  });

  it('remembers the publication times of the items it filed', async () => {
    serve({ status: 200, headers: RSS, body: FEED });
    const { state } = await poll(configFor('/feed.rss'));
    expect(state.recentItems).toEqual(['2026-02-09T09:33:00.000Z', '2026-02-09T08:12:00.000Z']);
  });
});

describe('a body like the last one', () => {
  it('is not parsed again when the server sends no validators', async () => {
    serve({ status: 200, headers: RSS, body: FEED });
    const config = configFor('/feed.rss');
    const first = await poll(config);
    expect(first.report).toMatchObject({ status: 'ok', items: 2 });
    clock = new Date(START.getTime() + 20 * MINUTE);
    const again = await poll(config);
    expect(again.report).toMatchObject({ status: 'unchanged', items: 0, newStories: 0 });
    expect(again.state).toMatchObject({ itemsSeen: 2, bodyHash: first.state.bodyHash, lastSuccessAt: clock.toISOString(), lastStatus: 200 });
    expect(again.state.nextPollAt! > first.state.nextPollAt!).toBe(true);

    serve({ status: 200, headers: RSS, body: LATER });
    const changed = await poll(config);
    expect(changed.report).toMatchObject({ status: 'ok', items: 3, newStories: 1 });
    expect(changed.state.itemsSeen).toBe(5);
    expect(changed.state.bodyHash).not.toBe(first.state.bodyHash);
  });
});

describe('failures', () => {
  it('back off exponentially and recover on the first success', async () => {
    serve({ status: 500, body: 'oops' });
    const config = configFor('/feed.rss');
    const waits: number[] = [];
    for (let failures = 1; failures <= 3; failures++) {
      const { report, state, minutesAhead } = await poll(config);
      expect(report).toMatchObject({ status: 'failed', error: expect.stringContaining('500') });
      expect(state).toMatchObject({ consecutiveFailures: failures, lastStatus: 500 });
      waits.push(minutesAhead);
      clock = new Date(state.nextPollAt!);
    }
    // pollMinutes 15, doubled, less half of the 10 % jitter, never below 15.
    expect(waits).toEqual([15, 28.5, 57]);

    serve({ status: 200, headers: RSS, body: FEED });
    const { report, state } = await poll(config);
    expect(report.status).toBe('ok');
    expect(state).toMatchObject({ consecutiveFailures: 0, lastStatus: 200 });
    expect(state).not.toHaveProperty('lastError');
  });

  it('retire a source that is gone (410) until its config entry changes', async () => {
    serve({ status: 410, body: 'gone' });
    const config = configFor('/old.rss');
    const gone = await poll(config);
    expect(gone.report).toMatchObject({ status: 'retired', error: expect.stringContaining('410') });
    expect(gone.state.retired).toEqual({ at: START.toISOString(), url: server.url('/old.rss'), status: 410 });

    clock = new Date(START.getTime() + 3 * 86_400_000);
    const again = await poll(config);
    expect(again.report.status).toBe('retired');
    expect(server.requests.map((request) => request.path)).toEqual(['/old.rss']);

    serve({ status: 200, headers: RSS, body: FEED });
    const edited = await poll(configFor('/new.rss'));
    expect(edited.report).toMatchObject({ status: 'ok', items: 2 });
    expect(edited.state.retired).toBeUndefined();
    expect(edited.state.configUrl).toBe(server.url('/new.rss'));
  });
});

describe('a source moved by permanent redirects', () => {
  // The state three polls meeting a 301 to /moved.rss leave (see next-poll.test.ts for the counting).
  async function movedState(config: Config) {
    const source = config.sources[0]!;
    await store.fileSource({
      state: { sourceId: source.id, consecutiveFailures: 0, itemsSeen: 0, configUrl: source.url, movedTo: server.url('/moved.rss') },
      entries: [],
      window: { now: clock, hours: 72 },
    });
  }

  it('is polled at its new URL', async () => {
    serve({ status: 200, headers: RSS, body: FEED });
    const config = configFor('/feed.rss');
    await movedState(config);
    const { report, state } = await poll(config);
    expect(report).toMatchObject({ status: 'ok', items: 2 });
    expect(server.requests.map((request) => request.path)).toEqual(['/moved.rss']);
    expect(state.movedTo).toBe(server.url('/moved.rss'));
  });

  it('is polled at the configured URL again once the config names another one', async () => {
    serve({ status: 200, headers: RSS, body: FEED });
    await movedState(configFor('/feed.rss'));
    const { state } = await poll(configFor('/edited.rss'));
    expect(server.requests.map((request) => request.path)).toEqual(['/edited.rss']);
    expect(state).toMatchObject({ configUrl: server.url('/edited.rss') });
    expect(state).not.toHaveProperty('movedTo');
  });
});
