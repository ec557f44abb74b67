// The in-process scheduler of the embedded store, against a real feed server on two loopback hosts
// that records every request: due times honoured to the second, per-host limits and spacing, the
// global cap, reloads, and a stop that waits for the polls under way.
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createClassifier, type Classifier } from '../../src/classify/index.ts';
import type { Config } from '../../src/config/index.ts';
import type { Source } from '../../src/domain/index.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { startWorker, type IngestDeps, type Worker } from '../../src/worker/index.ts';
import { testConfig } from '../http/test-app.ts';
import { startHostRecorder, type HostRecorder } from '../support/host-recorder.ts';

let classifier: Classifier | undefined;
const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 10_000 });
const running: { recorder?: HostRecorder; worker?: Worker; store?: SqliteStore }[] = [];

afterEach(async () => {
  for (const { worker, recorder, store } of running.splice(0)) {
    await worker?.stop();
    await recorder?.close();
    await store?.close();
  }
});

afterAll(() => agent.close());

function sourceAt(host: string, id: string): Source {
  return { id, url: `http://${host}/${id}`, title: id, language: 'en', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 10 };
}

function configWith(sources: Source[], fetch: Partial<Config['fetch']>): Config {
  const base = testConfig();
  return { ...base, sources, fetch: { ...base.fetch, ...fetch } };
}

function depsFor(config: Config, store: SqliteStore): IngestDeps {
  classifier ??= createClassifier(config.regions);
  return { config, store, classifier, logger: pino({ level: 'silent' }), agent, userAgent: 'wirefeed-test', now: () => new Date() };
}

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function start(delayMs: number, sources: (hosts: string[]) => Source[], fetch: Partial<Config['fetch']>) {
  // Built before the clock of a test starts: the gazetteer takes seconds.
  classifier ??= createClassifier(testConfig().regions);
  const recorder = await startHostRecorder(delayMs);
  const store = SqliteStore.inMemory();
  const config = configWith(sources(recorder.hosts), fetch);
  const entry: (typeof running)[number] = { recorder, store };
  running.push(entry);
  const run = () => (entry.worker = startWorker(depsFor(config, store)));
  return { recorder, store, config, run, entry };
}

describe('the in-process scheduler', () => {
  it('polls a source at its next poll time, to the second, not at the next minute', { timeout: 60_000 }, async () => {
    const { recorder, store, config, run } = await start(0, (hosts) => [sourceAt(hosts[0] as string, 'soon')], {});
    // Three seconds ahead, moved on if a whole minute falls within the ten seconds after.
    let nextPollAt = Date.now() + 3000;
    if (Math.floor((nextPollAt + 11_000) / 60_000) !== Math.floor(nextPollAt / 60_000)) nextPollAt += 12_000;
    const state = {
      sourceId: 'soon',
      consecutiveFailures: 0,
      itemsSeen: 0,
      lastFetchedAt: new Date().toISOString(),
      nextPollAt: new Date(nextPollAt).toISOString(),
    };
    await store.fileSource({ state, entries: [], window: { now: new Date(), hours: 48 } });
    const started = performance.now() - Date.now();
    run();
    await until('the poll', () => recorder.requests.length > 0);
    const polledAt = (recorder.requests[0]?.start as number) - started;
    expect(polledAt).toBeGreaterThanOrEqual(nextPollAt - 5);
    expect(polledAt).toBeLessThan(nextPollAt + 10_000);
    expect(config.sources).toHaveLength(1);
  });

  it('keeps one request in flight per host, spaced, while hosts are polled side by side', { timeout: 60_000 }, async () => {
    const { recorder, run } = await start(
      100,
      (hosts) => [...idsOf('a', 3).map((id) => sourceAt(hosts[0] as string, id)), ...idsOf('b', 2).map((id) => sourceAt(hosts[1] as string, id))],
      {
        perHost: 1,
        hostSpacingMs: 300,
        concurrency: 4,
      },
    );
    run();
    await until('five polls', () => recorder.requests.filter((r) => !Number.isNaN(r.end)).length === 5);
    for (const host of recorder.hosts) {
      expect(recorder.maxInFlight(host)).toBe(1);
      const starts = recorder.requests.filter((r) => r.host === host).map((r) => r.start);
      // Measured at the server: a request's trip may be a little shorter than the one before.
      for (let i = 1; i < starts.length; i++) expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(250);
    }
    expect(recorder.maxInFlight()).toBe(2);
  });

  it('never has more than fetch.concurrency requests in flight', { timeout: 60_000 }, async () => {
    const { recorder, run } = await start(200, (hosts) => idsOf('c', 6).map((id, i) => sourceAt(hosts[i % 2] as string, id)), {
      perHost: 3,
      hostSpacingMs: 0,
      concurrency: 2,
    });
    run();
    await until('six polls', () => recorder.requests.filter((r) => !Number.isNaN(r.end)).length === 6);
    expect(recorder.maxInFlight()).toBe(2);
  });

  it('takes up added sources on reload, and stop waits for the poll under way', { timeout: 60_000 }, async () => {
    const { recorder, store, config, run, entry } = await start(300, (hosts) => [sourceAt(hosts[0] as string, 'first')], { hostSpacingMs: 0 });
    const worker = run();
    await until('the first poll', async () => (await store.getSourceState('first')) !== undefined);
    worker.reload({ ...config, sources: [...config.sources, sourceAt(recorder.hosts[1] as string, 'added')] });
    await until('the added source polled', () => recorder.requests.some((r) => r.path === '/added'));
    await worker.stop();
    entry.worker = undefined;
    expect(recorder.requests.every((r) => !Number.isNaN(r.end))).toBe(true);
    expect((await store.getSourceState('added'))?.lastFetchedAt).toBeDefined();
  });
});

function idsOf(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}
