// Load and processes of the serve benchmark: autocannon runs in this process, every server in a child.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BIN, freePort } from '../../test/support/run-cli.ts';

/** What one load run gives: requests per second, bytes per response (headers included), status counts. */
export interface Load {
  rps: number;
  bytesPerResponse: number;
  statuses: Record<string, number>;
  errors: number;
}

/** What a load run sends. */
export interface LoadSpec {
  path: string;
  headers?: Record<string, string>;
  /** A new path per request (e.g. a different `q`), so no two requests share a cached response. */
  pathOf?: (n: number) => string;
}

const CONNECTIONS = 50;

/** `seconds` of autocannon with 50 connections on loopback. */
export async function load(port: number, spec: LoadSpec, seconds: number): Promise<Load> {
  let n = 0;
  const pathOf = spec.pathOf;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${spec.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: spec.headers ?? {},
    ...(pathOf ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: pathOf(n++) }) }] } : {}),
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]));
  return {
    rps: result.requests.average,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
    statuses,
    errors: result.errors + result.timeouts,
  };
}

/** CPU time a process has used so far (user + system), in ms, from /proc (10 ms ticks). */
export async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The server's CPU ms per request under `rate` req/s for `seconds`: what a response costs, however busy the machine. */
export async function cpuPerRequest(server: ChildServer, spec: LoadSpec, seconds: number, rate: number): Promise<number> {
  const before = await cpuMs(server.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${spec.path}`,
    connections: 10,
    duration: seconds,
    overallRate: rate,
    headers: spec.headers ?? {},
  });
  return ((await cpuMs(server.pid)) - before) / Math.max(1, result.requests.total);
}

/** A child server and its port. */
export interface ChildServer {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const BASELINES = fileURLToPath(new URL('./serve-baselines.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A baseline server (see serve-baselines.ts). */
export async function startBaseline(args: string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', BASELINES, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`bench: baseline ${args[0]} exited with ${code}`)));
  });
  return { port, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

/** `wirefeed serve` on the given config and data dir, once /healthz answers; logs as configured, to nowhere. */
export async function startServe(configFile: string, env: NodeJS.ProcessEnv): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--config', configFile], {
    env: { ...process.env, BASE_URL: '', ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`bench: wirefeed serve exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (attempt > 3000) throw new Error('bench: wirefeed serve did not answer /healthz');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { port, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

/** Resident memory of a process, in MiB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
