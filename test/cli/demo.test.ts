// `wirefeed start --demo` as a newcomer runs it: a real child process on a free port with a temp
// data dir, polling the sample feeds it serves itself on loopback. Its REDIS_URL names a closed
// port, so a demo that reached for Redis (or any real store) would fail to start.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, freePort, runCli, startCli, type CliResult } from '../support/run-cli.ts';

interface ApiStory {
  title: string;
  source: { id: string };
  countries: string[];
  copies: { source: { id: string } }[];
}

let dir: string;
let baseUrl: string;
let stderr = '';
let exit: Promise<CliResult>;
let child: ReturnType<typeof startCli>;
let stories: ApiStory[];

async function waitFor<T>(probe: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting; the demo logged:\n${stderr}`);
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} from ${url}`);
  return (await response.json()) as T;
}

const merged = (list: ApiStory[]): ApiStory[] => list.filter((story) => story.copies.some((copy) => copy.source.id !== story.source.id));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-demo-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  child = startCli(['start', '--demo'], {
    PORT: String(port),
    WIREFEED_DATA_DIR: dir,
    REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    LOG_LEVEL: 'info',
    // The demo's own config file is the shipped one, whatever the environment says.
    WIREFEED_CONFIG: '',
  });
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  exit = finished(child);
  // Every sample filed once, so what the tests read no longer grows under them.
  await waitFor(
    () => json<{ sources: { status: string }[] }>(`${baseUrl}/api/sources`),
    (body) => body.sources.length > 0 && body.sources.every((source) => source.status === 'ok'),
  );
  stories = (await json<{ stories: ApiStory[] }>(`${baseUrl}/api/stories?limit=100`)).stories;
}, 90_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await exit;
  await rm(dir, { recursive: true, force: true });
});

describe('wirefeed start --demo', () => {
  it('merges one wire story carried by several outlets into one story', () => {
    const titles = merged(stories).map((story) => story.title);
    expect(titles).toEqual(
      expect.arrayContaining(["Russia rejects Tokyo's claim to the southern Kuril Islands", "KENYA'S PARLIAMENT APPROVES NEW RAIL FUNDING"]),
    );
  });

  it('fills country feeds', async () => {
    const japan = await json<{ items: { title: string }[] }>(`${baseUrl}/feeds/country/jp.json`);
    expect(japan.items.map((item) => item.title)).toContain("Russia rejects Tokyo's claim to the southern Kuril Islands");
    const brazil = await json<{ items: unknown[] }>(`${baseUrl}/feeds/country/br.json`);
    expect(brazil.items.length).toBeGreaterThan(5);
  });

  it('polls only the feeds it serves itself, on loopback', async () => {
    const { sources } = await json<{ sources: { id: string; url: string; status: string }[] }>(`${baseUrl}/api/sources`);
    expect(sources).toHaveLength(11);
    for (const source of sources) {
      expect(new URL(source.url).hostname).toBe('127.0.0.1');
      expect(source.status).toBe('ok');
    }
  });

  it('is ready, and says on / and in the log that it is the demo and how to run for real', async () => {
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    const home = await (await fetch(`${baseUrl}/`)).text();
    expect(home).toContain('This is the demo');
    expect(home).toContain('npm start');
    expect(home).toContain('Also reported by');
    expect(stderr).toMatch(/"msg":"demo: polling 11 sample feeds[^"]*to run for real, run `npm start`/);
  });

  it('keeps its stories in a store of its own and exits 0 on SIGTERM', async () => {
    expect(existsSync(path.join(dir, 'demo', 'wirefeed.sqlite'))).toBe(true);
    expect(existsSync(path.join(dir, 'wirefeed.sqlite'))).toBe(false);
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });
});

describe('--demo with another command', () => {
  it('is refused with a clear error', async () => {
    const result = await runCli(['serve', '--demo'], { env: { PORT: '0', WIREFEED_DATA_DIR: path.join(dir, 'unused') } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--demo goes with start only');
  });
});
