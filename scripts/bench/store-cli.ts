// Child processes the store benchmark measures: `wirefeed fetch-once` under GNU time (CPU seconds and
// peak RSS of the worker process alone), `wirefeed serve` until /healthz answers, and the baseline loop.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, freePort } from '../../test/support/run-cli.ts';

/** One process's run: wall and CPU milliseconds (user + system), peak RSS, its output. */
export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const cliEnv = (env: NodeJS.ProcessEnv) => ({ ...process.env, LOG_LEVEL: 'warn', ...env });

/** Runs `wirefeed ARGS` to the end under /usr/bin/time. */
export async function measureCli(args: string[], env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  const timeFile = path.join(tmpdir(), `wirefeed-bench-time-${randomUUID()}`);
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, process.execPath, BIN, ...args], { env: cliEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  const [user = 0, system = 0, rssKb = 0] = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  await rm(timeFile, { force: true });
  return { wallMs, cpuMs: (user + system) * 1000, maxRssMb: rssKb / 1024, code, stdout, stderr };
}

/** `measureCli` that fails unless fetch-once exited 0 with no source failed. */
export async function fetchOnceMeasured(configFile: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<ProcessRun> {
  const run = await measureCli(['fetch-once', '--config', configFile, ...args], env);
  if (run.code !== 0 || !/^\d+ sources, 0 failed$/m.test(run.stdout)) {
    const failed = run.stdout
      .split('\n')
      .filter((line) => / failed /.test(line))
      .slice(0, 3);
    throw new Error(`bench: fetch-once failed (exit ${run.code}): ${[...failed, run.stderr.slice(0, 2000)].join('\n')}`);
  }
  return run;
}

/** Milliseconds from spawning `wirefeed serve` to its /healthz answering 200; the server is stopped after. */
export async function serveStartupMs(configFile: string, env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--config', configFile], { env: cliEnv({ ...env, PORT: String(port) }), stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`bench: wirefeed serve exited with ${child.exitCode}`);
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error(`bench: /healthz answered ${status} for 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const LOOP = fileURLToPath(new URL('./farm-get-loop.ts', import.meta.url));
// `--import tsx` resolves from the working directory: the repository's, wherever the bench runs from.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The baseline loop's own figures (see farm-get-loop.ts). */
export interface LoopRun {
  cpuMs: number;
  wallMs: number;
  full: number;
  notModified: number;
}

/** One pass of the bare GET loop over the farm; `etagFile` carries the validators between passes. */
export async function bareGetLoop(baseUrl: string, feeds: number, etagFile: string): Promise<LoopRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', LOOP, baseUrl, String(feeds), etagFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`bench: the bare GET loop exited with ${code}`);
  return JSON.parse(stdout) as LoopRun;
}
