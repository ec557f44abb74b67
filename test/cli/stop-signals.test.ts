// A stop signal at any moment of `wirefeed start`, start-up included, is a clean stop with exit 0:
// while the CLI still loads, while the store opens, once it serves. A one-shot command interrupted
// while loading keeps the signal's exit status.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { finished, freePort, startCli } from '../support/run-cli.ts';

let fixtures: FixtureServer;
let dir: string;
let configFile: string;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-signals-'));
  configFile = path.join(dir, 'feeds.yaml');
  await writeFile(
    configFile,
    `regions:
  - { id: world, title: World, description: Every story, all: true }
sources:
  - { id: wire-moscow, url: "${fixtures.url('wire/ria-world.rss')}", title: Wire Moscow, language: en }
  - { id: daily-outlet, url: "${fixtures.url('wire/outlet-world.atom')}", title: Daily Outlet, language: en }
output:
  baseUrl: http://feeds.example.test
fetch:
  allowPrivateNetworks: true # the fixture server is on loopback
  hostSpacingMs: 0
`,
  );
});

afterAll(async () => {
  await fixtures?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves when the child has written a line matching `pattern` to stderr (its logs). */
function logged(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const look = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (!pattern.test(text)) return;
      child.stderr?.off('data', look);
      resolve();
    };
    child.stderr?.on('data', look);
    child.once('exit', () => reject(new Error(`exited before logging ${pattern}:\n${text}`)));
  });
}

async function healthy(port: number): Promise<void> {
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const HELD = /"msg":"stop signals held while the CLI loads"/;
const STORE_OPENED = /"msg":"store opened"/;

// When to send the signal, from the moment the CLI holds signals (its first lines run) on.
const MOMENTS: [string, NodeJS.Signals, (child: ChildProcess, port: number) => Promise<void>][] = [
  ['as soon as the CLI runs', 'SIGTERM', async () => undefined],
  ['200 ms later, while its modules load', 'SIGTERM', () => new Promise((resolve) => setTimeout(resolve, 200))],
  ['when the store has opened', 'SIGINT', (child) => logged(child, STORE_OPENED)],
  ['when /healthz answers', 'SIGTERM', (_child, port) => healthy(port)],
];

describe('wirefeed start, stopped by a signal', () => {
  it.each(MOMENTS)('%s (%s): exits 0 with nothing left running', async (_moment, signal, moment) => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(dir, 'data-'));
    const child = startCli(['start', '--config', configFile], { WIREFEED_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'debug' });
    const exit = finished(child);
    await logged(child, HELD);
    await moment(child, port);
    child.kill(signal);
    const { code, stderr } = await exit;
    expect({ code, errors: stderr.split('\n').filter((line) => /"level":[56]0/.test(line)) }).toEqual({ code: 0, errors: [] });
    // Whatever the moment, the service is gone: nothing listens on its port.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

describe('a one-shot command, stopped while it loads', () => {
  it('ends with the status the signal gives (143), having done nothing', async () => {
    const child = startCli(['classify', '--config', configFile], { LOG_LEVEL: 'debug' });
    const exit = finished(child);
    await logged(child, HELD);
    child.kill('SIGTERM');
    expect(await exit).toMatchObject({ code: 143, stdout: '' });
  });
});
