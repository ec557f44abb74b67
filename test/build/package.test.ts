// The package as published: `npm run build` makes dist/, `npm pack` holds dist/, bin/, config/,
// demo/ (the sample feeds of `start --demo`), the README and the LICENSE (no sources, no tests), and the CLI runs from the unpacked tarball, which
// has no src/ to fall back on. Built in a copy of the checkout, so the checkout's own dist/ (which
// bin/wirefeed.js prefers when current) is never half-written while other tests run.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, realpath, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, freePort } from '../support/run-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// What is not the package's source: installed, built, or written by running and testing it.
const NOT_COPIED = new Set(['node_modules', 'dist', 'data', 'coverage', 'test-output', '.git']);

let work: string;
let copy: string;
let bin: string;
let build: Outcome;
let files: string[];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function succeeded(outcome: Promise<Outcome>, what: string): Promise<Outcome> {
  const done = await outcome;
  if (done.code !== 0) throw new Error(`${what} exited ${done.code}:\n${done.stderr}`);
  return done;
}

// Build, list, pack and unpack once (about 20 s, the build most of it); the tests look at the results.
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'wirefeed-package-'));
  copy = path.join(work, 'checkout');
  await cp(ROOT, copy, { recursive: true, filter: (source) => !NOT_COPIED.has(path.relative(ROOT, source).split(path.sep)[0] ?? '') });
  const modules = await realpath(path.join(ROOT, 'node_modules'));
  await symlink(modules, path.join(copy, 'node_modules'), 'dir');
  build = await run('npm', ['run', 'build'], copy);
  if (build.code !== 0) return;
  const dryRun = await succeeded(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], copy), 'npm pack --dry-run');
  const [listing] = JSON.parse(dryRun.stdout) as { files: { path: string }[] }[];
  files = (listing?.files ?? []).map((file) => file.path);
  // The real tarball, unpacked beside its dependencies as an install would put it.
  const pack = await succeeded(run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], copy), 'npm pack');
  const tarball = path.join(work, pack.stdout.trim().split('\n').at(-1) ?? '');
  const unpacked = path.join(work, 'unpacked');
  await mkdir(unpacked);
  await succeeded(run('tar', ['-xzf', tarball, '-C', unpacked], work), 'tar');
  await symlink(modules, path.join(unpacked, 'package', 'node_modules'), 'dir');
  bin = path.join(unpacked, 'package', 'bin', 'wirefeed.js');
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('compiles src/ to dist/ without a word', async () => {
    expect(build).toMatchObject({ code: 0, stderr: '' });
    expect((await stat(path.join(copy, 'dist', 'cli', 'main.js'))).isFile()).toBe(true);
  });
});

describe('npm pack', () => {
  it('holds dist/, bin/, config/, demo/, the README and the LICENSE, and nothing of src/, test/ or scripts/', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/wirefeed.js',
        'config/feeds.yaml',
        'demo/feeds/ria-world.rss',
        'dist/cli/main.js',
        'dist/demo/index.js',
        'dist/http/app.js',
      ]),
    );
    expect(new Set(files.map((file) => file.split('/')[0]))).toEqual(new Set(['package.json', 'README.md', 'LICENSE', 'bin', 'config', 'demo', 'dist']));
    expect(files.filter((file) => /\.test\.|\.ts$/.test(file))).toEqual([]);
  });
});

describe('the CLI from the unpacked package (no src/ beside it)', () => {
  it('checks the config it ships, the default where the working directory has none', async () => {
    const elsewhere = await mkdtemp(path.join(work, 'cwd-'));
    const check = await run(process.execPath, [bin, 'check-config'], elsewhere, { WIREFEED_CONFIG: '' });
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toMatch(/^\S+\/package\/config\/feeds\.yaml: ok, \d+ sources, \d+ regions/);
  });

  it('serves up to /healthz and stops on SIGTERM with exit 0', async () => {
    const elsewhere = await mkdtemp(path.join(work, 'cwd-'));
    const port = await freePort();
    const serve = spawn(process.execPath, [bin, 'serve'], {
      cwd: elsewhere,
      env: {
        ...process.env,
        REDIS_URL: '',
        BASE_URL: '',
        WIREFEED_CONFIG: '',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        WIREFEED_DATA_DIR: path.join(elsewhere, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = finished(serve);
    let status = 0;
    while (status !== 200 && serve.exitCode === null) {
      status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status,
        () => 0,
      );
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    serve.kill('SIGTERM');
    expect({ status, ...(await exit) }).toMatchObject({ status: 200, code: 0, stderr: '' });
  });
});
