// `wirefeed sources` in a real child process, after a real `fetch-once` over a scripted server: one
// source well (with an ETag), one gone (410), one failing (500), one never polled.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const FEED = await readFile(new URL('../fixtures/wire/agency-africa.rss', import.meta.url));

let server: ScriptedServer;
let dir: string;
let env: NodeJS.ProcessEnv;

function configYaml(sources: string[]): string {
  const entries = sources.map((id) => `  - { id: ${id}, url: "${server.url(`/${id}.rss`)}", title: ${id}, language: en }`);
  return `regions:
  - { id: world, title: World, description: Every story, all: true }
sources:
${entries.join('\n')}
output:
  baseUrl: http://feeds.example.test
fetch:
  allowPrivateNetworks: true
`;
}

beforeAll(async () => {
  server = await startScriptedServer();
  server.reply((request) => {
    if (request.path === '/well.rss') return { status: 200, headers: { 'content-type': 'application/rss+xml', etag: '"v1"' }, body: FEED };
    if (request.path === '/gone.rss') return { status: 410, body: 'gone' };
    return { status: 500, body: 'oops' };
  });
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-sources-'));
  env = { WIREFEED_DATA_DIR: path.join(dir, 'data') };
  await writeFile(path.join(dir, 'polled.yaml'), configYaml(['well', 'gone', 'broken']));
  await writeFile(path.join(dir, 'feeds.yaml'), configYaml(['well', 'gone', 'broken', 'fresh']));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('wirefeed sources', () => {
  it('shows each source with its status, failures, HTTP status, items and validators', async () => {
    const fetched = await runCli(['fetch-once', '--config', path.join(dir, 'polled.yaml')], { env });
    expect(fetched.stdout).toMatch(/^gone +retired +fetch: 410 from 127\.0\.0\.1:\d+$/m);
    expect(fetched.stdout).toMatch(/^3 sources, 1 failed, 1 retired \(gone: change their config entry\)$/m);

    const listed = await runCli(['sources', '--config', path.join(dir, 'feeds.yaml')], { env });
    expect(listed.stderr).not.toMatch(/error/i);
    expect(listed.code).toBe(0);
    const [head, ...rows] = listed.stdout.trimEnd().split('\n');
    expect(head?.split(/\s{2,}/)).toEqual(['SOURCE', 'STATUS', 'LAST SUCCESS', 'FAILS', 'NEXT POLL', 'HTTP', '24H', 'VALIDATORS', 'MOVED TO', 'LAST ERROR']);
    const cells = rows.map((row) => row.split(/\s{2,}/));
    expect(cells.map((row) => [row[0], row[1], row[3], row[5], row[7], row[8]])).toEqual([
      ['well', 'ok', '0', '200', 'etag', '-'],
      ['gone', 'retired', '1', '410', '-', '-'],
      ['broken', 'failing', '1', '500', '-', '-'],
      ['fresh', 'never-polled', '0', '-', '-', '-'],
    ]);
    expect(cells[0]?.[2]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z$/);
    expect(cells[2]?.[9]).toMatch(/^fetch: 500 from 127\.0\.0\.1:\d+$/);
    expect(cells[3]?.[4]).toBe('-');
  });

  it('fetch-once --source polls only the sources named, and refuses an id the config does not have', async () => {
    const own = { WIREFEED_DATA_DIR: path.join(dir, 'only') };
    const config = path.join(dir, 'feeds.yaml');
    const fetched = await runCli(['fetch-once', '--config', config, '--source', 'well', '--source=fresh'], { env: own });
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toMatch(/^well +ok +\d+ items/m);
    expect(fetched.stdout).toMatch(/^2 sources, 1 failed$/m);
    const listed = await runCli(['sources', '--config', config], { env: own });
    expect(listed.stdout).toMatch(/^gone +never-polled/m);
    const unknown = await runCli(['fetch-once', '--config', config, '--source', 'nope'], { env: own });
    expect([unknown.code, unknown.stderr]).toEqual([2, 'wirefeed fetch-once: no source "nope" in the config\n']);
    expect((await runCli(['fetch-once', '--config', config, '--source'], { env: own })).stderr).toMatch(/--source needs a source id/);
  });
});
