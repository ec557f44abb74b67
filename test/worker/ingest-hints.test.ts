// What a served document and its response say about the schedule, end to end: ingestSource over a
// real HTTP server and a real SQLite file (redirect counting, Retry-After, <ttl>/<skipHours>, the
// item cap, a body in another charset than its header says).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClassifier, type Classifier } from '../../src/classify/index.ts';
import { parseConfig, type Config } from '../../src/config/index.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { ingestSource, type IngestDeps } from '../../src/worker/index.ts';
import { runCycle } from '../../src/worker/run-cycle.ts';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../support/scripted-server.ts';

const START = new Date('2026-02-09T12:00:00Z');
const MINUTE = 60_000;
const FEED = await readFile(new URL('../fixtures/wire/agency-africa.rss', import.meta.url));
const RSS = { 'content-type': 'application/rss+xml' };

let server: ScriptedServer;
let classifier: Classifier;
let dir: string;
let store: SqliteStore;
let clock: Date;
let warnings: string[];
const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });

function configFor(feedPath: string, fetch = ''): Config {
  return parseConfig(
    `regions:
  - { id: africa, title: Africa, description: Africa, areas: [Africa] }
sources:
  - { id: wire-africa, url: ${server.url(feedPath)}, title: Wire Africa, language: en }
output: { baseUrl: http://feeds.example.test }
fetch: { allowPrivateNetworks: true${fetch} }
`,
    'hints.yaml',
  );
}

// A logger that keeps its warnings' messages, to check what an operator is told.
function depsFor(config: Config): IngestDeps {
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg as string) });
  return { config, store, classifier, logger, agent, userAgent: 'wirefeed-test', now: () => clock, random: () => 0.5 };
}

async function poll(config: Config) {
  const report = await ingestSource(config.sources[0]!, depsFor(config));
  const state = await store.getSourceState('wire-africa');
  if (!state) throw new Error('no state filed');
  return { report, state, minutesAhead: (Date.parse(state.nextPollAt ?? '') - clock.getTime()) / MINUTE };
}

function later(minutes: number): void {
  clock = new Date(clock.getTime() + minutes * MINUTE);
}

function rss(items: string, channel = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>Wire</description>${channel}${items}</channel></rss>`;
}

function item(n: number, title = `Kenya story number ${n}`): string {
  const published = new Date(START.getTime() - n * 5 * MINUTE).toUTCString();
  return `<item><title>${title}</title><link>https://wire.example/${n}</link><guid>wire-${n}</guid><pubDate>${published}</pubDate><description>NAIROBI - story ${n} of the day.</description></item>`;
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
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-hints-'));
  store = await SqliteStore.open(path.join(dir, 'wirefeed.sqlite'));
  clock = START;
  warnings = [];
  server.requests.length = 0;
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('permanent redirects', () => {
  // /feed.rss redirects (with `status`) to `target()`; every other path serves the feed.
  function redirecting(status: number, target: () => string | undefined) {
    server.reply((request): ScriptedReply => {
      const to = target();
      if (request.path === '/feed.rss' && to) return { status, headers: { location: server.url(to) } };
      return { status: 200, headers: RSS, body: FEED };
    });
  }

  it.each([301, 308])('seen on 3 polls in a row (%i) move the source: the 4th poll goes to the new URL, with a warning', async (status) => {
    redirecting(status, () => '/new.rss');
    const config = configFor('/feed.rss');
    for (let polls = 1; polls <= 3; polls++) {
      const { state } = await poll(config);
      if (polls < 3) expect(state.movedTo).toBeUndefined();
      later(60);
    }
    const moved = await store.getSourceState('wire-africa');
    expect(moved?.movedTo).toBe(server.url('/new.rss'));
    expect(warnings).toEqual([expect.stringContaining('permanent redirect on 3 polls in a row')]);
    server.requests.length = 0;
    await poll(config);
    expect(server.requests.map((request) => request.path)).toEqual(['/new.rss']);
  });

  it('restart counting after a 200 without a redirect, and for another target', async () => {
    let target: string | undefined = '/new.rss';
    redirecting(301, () => target);
    const config = configFor('/feed.rss');
    const pollLater = async () => {
      const polled = await poll(config);
      later(60);
      return polled;
    };
    await pollLater();
    await pollLater();
    target = undefined;
    await pollLater();
    target = '/new.rss';
    await pollLater();
    await pollLater();
    expect((await pollLater()).state.movedTo).toBe(server.url('/new.rss'));

    await store.fileSource({ state: { sourceId: 'wire-africa', consecutiveFailures: 0, itemsSeen: 0 }, entries: [], window: { now: clock, hours: 72 } });
    await pollLater();
    await pollLater();
    target = '/other.rss';
    await pollLater();
    // Two polls to /new.rss then two to /other.rss: no three in a row to one target.
    expect((await pollLater()).state.movedTo).toBeUndefined();
    expect((await pollLater()).state.movedTo).toBe(server.url('/other.rss'));
  });
});

describe('Retry-After', () => {
  it('on a 429 holds the host for its seconds, the next poll not before; a success clears it', async () => {
    server.reply(() => ({ status: 429, headers: { 'retry-after': '120' }, body: 'slow down' }));
    const config = configFor('/feed.rss');
    const held = await poll(config);
    expect(held.report.status).toBe('failed');
    expect(held.state.hostRetryAfterUntil).toBe(new Date(START.getTime() + 120_000).toISOString());
    expect(held.state.nextPollAt! >= held.state.hostRetryAfterUntil!).toBe(true);

    server.reply(() => ({ status: 200, headers: RSS, body: FEED }));
    clock = new Date(held.state.nextPollAt!);
    const { report, state } = await poll(config);
    expect(report.status).toBe('ok');
    expect(state).not.toHaveProperty('hostRetryAfterUntil');
  });

  it('on a 503 reads an HTTP date, and holds a huge value for 24 hours only', async () => {
    // An HTTP date is read against the wall clock, so the poll runs at (whole-second) wall-clock time.
    clock = new Date(Math.ceil(Date.now() / 1000) * 1000);
    const until = new Date(clock.getTime() + 3 * 60 * MINUTE);
    server.reply(() => ({ status: 503, headers: { 'retry-after': until.toUTCString() }, body: 'down' }));
    const config = configFor('/feed.rss');
    const dated = await poll(config);
    expect(dated.state.lastStatus).toBe(503);
    // Whole seconds from the wall clock when the answer was read: within a second or two of it.
    const held = Date.parse(dated.state.hostRetryAfterUntil!);
    expect(held).toBeGreaterThanOrEqual(until.getTime() - 2_000);
    expect(held).toBeLessThanOrEqual(until.getTime() + 1_000);
    expect(Date.parse(dated.state.nextPollAt!)).toBeGreaterThanOrEqual(held);

    server.reply(() => ({ status: 503, headers: { 'retry-after': '99999999' }, body: 'down' }));
    const capped = await poll(config);
    expect(capped.state.hostRetryAfterUntil).toBe(new Date(clock.getTime() + 24 * 60 * MINUTE).toISOString());
    expect(capped.minutesAhead).toBeGreaterThanOrEqual(24 * 60);
  });
});

describe('the document', () => {
  it('sets the schedule with its <ttl>, and the next poll avoids its <skipHours> and <skipDays>', async () => {
    const channel = '<ttl>90</ttl><skipHours><hour>13</hour><hour>14</hour></skipHours><skipDays><day>Tuesday</day></skipDays>';
    server.reply(() => ({ status: 200, headers: RSS, body: rss(item(1), channel) }));
    const { state, minutesAhead } = await poll(configFor('/feed.rss'));
    expect(state).toMatchObject({ ttlMinutes: 90, publisherMinMinutes: 90, skipHours: [13, 14], skipDays: ['Tuesday'] });
    // 90 minutes from 12:00 lands in 13:00, skipped: the poll waits for 15:00 UTC.
    expect(minutesAhead).toBeGreaterThanOrEqual(180);
    expect(new Date(state.nextPollAt!).getUTCHours()).toBe(15);

    // Monday 23:00 plus the ttl lands on Tuesday, skipped: the poll waits for Wednesday.
    clock = new Date('2026-02-09T23:00:00Z');
    server.reply(() => ({ status: 200, headers: RSS, body: rss(item(2), channel) }));
    const { state: late } = await poll(configFor('/feed.rss'));
    expect(new Date(late.nextPollAt!).getUTCDay()).toBe(3);
  });

  it('with more entries than fetch.maxItemsPerFeed files only that many, with a warning on the state', async () => {
    const items = Array.from({ length: 20 }, (_, n) => item(n + 1)).join('');
    server.reply(() => ({ status: 200, headers: RSS, body: rss(items) }));
    const { report, state } = await poll(configFor('/feed.rss', ', maxItemsPerFeed: 5'));
    expect(report).toMatchObject({ status: 'ok', newStories: 5 });
    expect((await store.listStories({ limit: 50 })).stories).toHaveLength(5);
    expect(state.warnings).toContain('normalize: read the newest 5 of 20 entries, dropped 15 (fetch.maxItemsPerFeed)');
  });

  it('in windows-1251 served as charset=utf-8 becomes a story titled in Cyrillic', async () => {
    const title = 'Кения утвердила новое финансирование железной дороги';
    // A Russian wire's item: Cyrillic text enough for a detector, as in any real feed of one.
    const description =
      'Парламент Кении в понедельник одобрил выделение 42 миллиардов шиллингов на продление железной дороги до границы с Угандой. Депутаты проголосовали после шестичасовых дебатов, в ходе которых оппозиция критиковала стоимость кредитов.';
    const text = rss(item(1, title).replace('NAIROBI - story 1 of the day.', description)).replace(' encoding="UTF-8"', '');
    server.reply(() => ({ status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: iconv.encode(text, 'windows-1251') }));
    const { report } = await poll(configFor('/feed.rss'));
    expect(report).toMatchObject({ status: 'ok', newStories: 1 });
    const [story] = (await store.listStories({ limit: 5 })).stories;
    expect(story?.item.title).toBe(title);
  });
});

describe('a WebSub verification filed while a poll runs', () => {
  it('is kept by the poll that read the state before it', async () => {
    const requestedAt = START.toISOString();
    const pending = { hub: 'https://hub.example.test/', topic: server.url('/feed.rss'), secret: 'abc', status: 'pending' as const, requestedAt };
    const window = { now: clock, hours: 72 };
    await store.fileSource({ state: { sourceId: 'wire-africa', consecutiveFailures: 0, itemsSeen: 0, websub: pending }, entries: [], window });
    const active = { ...pending, status: 'active' as const, leaseUntil: '2026-02-19T12:00:00.000Z' };
    // The hub's verification lands after the poll read its state and before it files: as the callback does, it files the state it reads.
    server.reply(async () => {
      const current = (await store.getSourceState('wire-africa'))!;
      await store.fileSource({ state: { ...current, websub: active }, entries: [], window });
      return { status: 200, headers: RSS, body: FEED };
    });
    const { report, state } = await poll(configFor('/feed.rss'));
    expect(report).toMatchObject({ status: 'ok', newStories: 2 });
    expect(state).toMatchObject({ itemsSeen: 2, lastStatus: 200, websub: active });
  });
});

describe('fetch.allowPrivateNetworks off', () => {
  // No public address reaches this machine's servers, so both sources are private: each is refused
  // at connect time with its own clear error, filed on its own state, and the cycle still completes.
  it('fails each private source with the clear error on its state, and the cycle goes on', async () => {
    const guarded = createFetchAgent({ allowPrivateNetworks: false, timeoutMs: 5_000 });
    const port = new URL(server.url('/')).port;
    const config = parseConfig(
      `regions:
  - { id: africa, title: Africa, description: Africa, areas: [Africa] }
sources:
  - { id: literal, url: "http://127.0.0.1:${port}/hop", title: Literal, language: en }
  - { id: named, url: "http://localhost:${port}/feed.rss", title: Named, language: en }
output: { baseUrl: http://feeds.example.test }
`,
      'private.yaml',
    );
    server.reply(() => ({ status: 200, headers: RSS, body: FEED }));
    try {
      const reports = await runCycle({ ...depsFor(config), agent: guarded }, 'all');
      expect(reports.map((report) => [report.sourceId, report.status])).toEqual([
        ['literal', 'failed'],
        ['named', 'failed'],
      ]);
    } finally {
      await guarded.close();
    }
    expect(server.requests).toEqual([]);
    const refused = '(fetch.allowPrivateNetworks is off and fetch.allowedNetworks does not name it)';
    expect((await store.getSourceState('literal'))?.lastError).toBe(`fetch: 127.0.0.1 is at 127.0.0.1, a private or local address ${refused}`);
    expect((await store.getSourceState('named'))?.lastError).toMatch(
      /^fetch: localhost is at (127\.0\.0\.1|::1), a private or local address \(fetch\.allowPrivateNetworks is off and fetch\.allowedNetworks does not name it\)$/,
    );
  });
});
