// `wirefeed start` as a real child process reloads its config without a restart: a source added and
// SIGHUP → its stories are served; a broken edit → the service stays up and shows the file:line
// error; the fix, saved the way editors save (a new file renamed over the old), is picked up by the
// watcher with no signal; SIGHUP never ends the process.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { finished, startCli } from '../support/run-cli.ts';

let fixtures: FixtureServer;
let dir: string;
let configFile: string;
let extraFile: string;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-reload-'));
  configFile = path.join(dir, 'feeds.yaml');
  extraFile = path.join(dir, 'sources', 'extra.yaml');
  await mkdir(path.dirname(extraFile));
});

afterAll(async () => {
  await fixtures?.close();
  await rm(dir, { recursive: true, force: true });
});

function mainYaml(options: { russia: boolean; moscowUrl?: string }): string {
  return `include: [sources/extra.yaml]
regions:
  - { id: world, title: World, description: Every story, all: true }
${options.russia ? '  - { id: russia, title: Russia, description: Russia, countries: [RU] }\n' : ''}sources:
  - id: wire-moscow
    url: "${options.moscowUrl ?? fixtures.url('wire/ria-world.rss')}"
    title: Wire Moscow
    language: en
output:
  baseUrl: http://feeds.example.test
fetch:
  allowPrivateNetworks: true
  concurrency: 1
`;
}

const EXTRA = (): string => `sources:
  - { id: daily-outlet, url: "${fixtures.url('wire/outlet-world.atom')}", title: Daily Outlet, language: en }
`;

interface Health {
  status: string;
  config: { file: string; loadedAt: string; error?: string };
}

async function waitFor<T>(probe: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gave up waiting');
}

/** The JSON log lines a child writes on stderr, as they come. */
function logLines(child: ReturnType<typeof startCli>): Record<string, unknown>[] {
  const logs: Record<string, unknown>[] = [];
  let buffered = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (buffered + chunk.toString()).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  return logs;
}

async function portOf(logs: Record<string, unknown>[]): Promise<number> {
  const listening = await waitFor(
    async () => logs.find((line) => line.msg === 'http listening'),
    (line) => line !== undefined,
  );
  return Number(listening?.port);
}

describe('wirefeed start reloads its config', () => {
  it('takes an added source on SIGHUP, survives a broken edit showing its file:line, and picks up the fix by itself', async () => {
    await writeFile(configFile, mainYaml({ russia: true }));
    await writeFile(extraFile, 'sources: []\n');
    const service = startCli(['start', '--config', configFile], { WIREFEED_DATA_DIR: path.join(dir, 'data'), PORT: '0', LOG_LEVEL: 'info' });
    const exit = finished(service);
    const logs = logLines(service);
    try {
      const base = `http://127.0.0.1:${await portOf(logs)}`;
      const sourcesOf = async (region: string): Promise<string[]> => {
        const response = await fetch(`${base}/feeds/${region}.json`);
        if (!response.ok) throw new Error(String(response.status));
        const feed = (await response.json()) as { items: { _wirefeed: { source: { id: string } } }[] };
        return [...new Set(feed.items.map((item) => item._wirefeed.source.id))].sort();
      };
      const health = async (): Promise<Health> => (await fetch(`${base}/healthz`)).json() as Promise<Health>;

      await waitFor(
        () => sourcesOf('world'),
        (ids) => ids.length === 1,
      );
      expect(await sourcesOf('russia')).toEqual(['wire-moscow']);
      const first = await health();
      expect(first.config).toEqual({ file: configFile, loadedAt: first.config.loadedAt });

      // A source added in the included file, and SIGHUP: polled and served with no restart.
      await writeFile(extraFile, EXTRA());
      service.kill('SIGHUP');
      expect(
        await waitFor(
          () => sourcesOf('world'),
          (ids) => ids.length === 2,
        ),
      ).toEqual(['daily-outlet', 'wire-moscow']);
      expect(logs.some((line) => line.msg === 'config reloaded' && line.reason === 'SIGHUP' && line.changed === true)).toBe(true);

      // A broken edit: the running config stays, the error names file:line and the field.
      await writeFile(configFile, mainYaml({ russia: true, moscowUrl: 'not a url' }));
      const broken = await waitFor(health, (found) => found.config.error !== undefined);
      expect(broken.status).toBe('ok');
      expect(broken.config.error).toBe(`config: ${configFile}:7: sources[0].url: must be an absolute http(s) URL`);
      service.kill('SIGHUP');
      await waitFor(
        async () => logs.filter((line) => line.msg === 'config not reloaded: the running config stays' && line.reason === 'SIGHUP'),
        (found) => found.length === 1,
      );
      expect(await sourcesOf('world')).toEqual(['daily-outlet', 'wire-moscow']);

      // The fix, written beside the file and renamed over it, drops the russia region: no signal.
      const saved = `${configFile}.swp`;
      await writeFile(saved, mainYaml({ russia: false }));
      await rename(saved, configFile);
      const fixed = await waitFor(health, (found) => found.config.error === undefined);
      expect(Date.parse(fixed.config.loadedAt)).toBeGreaterThan(Date.parse(first.config.loadedAt));
      expect((await fetch(`${base}/feeds/russia.json`)).status).toBe(404);
      expect(await sourcesOf('world')).toEqual(['daily-outlet', 'wire-moscow']);
      expect(service.exitCode).toBeNull();
    } finally {
      service.kill('SIGTERM');
    }
    expect((await exit).code).toBe(0);
  });
});

describe('wirefeed serve reloads its config', () => {
  it('serves a region added on SIGHUP, and its status shows the file reloaded', async () => {
    const file = path.join(dir, 'serve.yaml');
    await writeFile(file, mainYaml({ russia: false }).replace('include: [sources/extra.yaml]\n', ''));
    const server = startCli(['serve', '--config', file], { WIREFEED_DATA_DIR: path.join(dir, 'serve-data'), PORT: '0', LOG_LEVEL: 'info' });
    const exit = finished(server);
    const logs = logLines(server);
    try {
      const base = `http://127.0.0.1:${await portOf(logs)}`;
      expect((await fetch(`${base}/feeds/russia.json`)).status).toBe(404);
      const before = (await (await fetch(`${base}/healthz`)).json()) as Health;
      expect(before.config.file).toBe(file);

      await writeFile(file, mainYaml({ russia: true }).replace('include: [sources/extra.yaml]\n', ''));
      server.kill('SIGHUP');
      const feed = await waitFor(
        async () => fetch(`${base}/feeds/russia.json`),
        (response) => response.status === 200,
      );
      expect(((await feed.json()) as { title: string }).title).toMatch(/Russia/);
      const after = (await (await fetch(`${base}/healthz`)).json()) as Health;
      expect(after.config.error).toBeUndefined();
      expect(Date.parse(after.config.loadedAt)).toBeGreaterThan(Date.parse(before.config.loadedAt));
    } finally {
      server.kill('SIGTERM');
    }
    expect((await exit).code).toBe(0);
  });
});
