import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);

/** True when `redis-server` and `redis-cli` can be started from PATH. */
export function haveRedisServer(): boolean {
  return ['redis-server', 'redis-cli'].every((tool) => spawnSync(tool, ['--version']).status === 0);
}

/** A redis-server process of our own, on a loopback port, with its data in a temporary directory. */
export interface RedisServer {
  port: number;
  url: string;
  /** Stops the process (SIGTERM, then SIGKILL) and removes its directory. */
  stop(): Promise<void>;
}

/** A free loopback port: the kernel picks one for a listener we close at once. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts redis-server without persistence (plus `args`), on `port` or a free one, and waits until it
 * answers PING. Its directory is its own and removed on stop, unless `keptDir` is given (a restart
 * on the same port and directory then finds its files: AOF, a cluster node's nodes.conf).
 */
export async function startRedisServer(args: string[] = [], port?: number, keptDir?: string): Promise<RedisServer> {
  port ??= await freePort();
  const dir = keptDir ?? (await mkdtemp(path.join(tmpdir(), 'wirefeed-redis-')));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...args], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    if (!keptDir) await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPing(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url, stop };
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
      try {
        if (client.status !== 'ready') await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`redis-server on port ${port} did not answer PING`);
  } finally {
    client.disconnect();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(killer);
}

/** A Redis Cluster of `size` masters (no replicas) on loopback ports, its slots assigned and agreed. */
export interface RedisCluster {
  nodes: { host: string; port: number }[];
  /** Stops node `index` and starts it again on its port and directory, then waits for cluster_state:ok. */
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `size` cluster-enabled servers (plus `args`, e.g. AOF), joins them with `redis-cli --cluster
 * create`, waits for cluster_state:ok.
 */
export async function startRedisCluster(size = 3, args: string[] = []): Promise<RedisCluster> {
  const servers: RedisServer[] = [];
  const dirs: string[] = [];
  const nodeArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000', ...args];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  };
  try {
    for (let i = 0; i < size; i++) {
      dirs.push(await mkdtemp(path.join(tmpdir(), 'wirefeed-redis-node-')));
      servers.push(await startRedisServer(nodeArgs, undefined, dirs[i]));
    }
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(servers.map((server) => waitForClusterOk(server.port)));
  } catch (error) {
    await stop();
    throw error;
  }
  const restart = async (index: number) => {
    const server = servers[index] as RedisServer;
    await server.stop();
    servers[index] = await startRedisServer(nodeArgs, server.port, dirs[index]);
    await Promise.all(servers.map((node) => waitForClusterOk(node.port)));
  };
  return { nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })), restart, stop };
}

async function waitForClusterOk(port: number): Promise<void> {
  const client = new Redis({ port, host: '127.0.0.1' });
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await client.cluster('INFO')).includes('cluster_state:ok')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`cluster node on port ${port} never reached cluster_state:ok`);
  } finally {
    client.disconnect();
  }
}
