// CPU per 304 poll: the fetch stage (undici request on a shared keep-alive agent) against the global
// fetch with an AbortController per request it replaced. The server runs in a child process so that
// only the client's CPU is counted. Run: node --import tsx scripts/bench/fetch-not-modified.ts
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request, type Dispatcher } from 'undici';
import { createFetchAgent, fetchSource, type FetchOptions } from '../../src/fetch/index.ts';

const WARMUP = 2_000;
const POLLS = 20_000;
const PARALLEL = 16;

const SERVER = `
const server = require('node:http').createServer((request, response) => {
  response.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=300' }).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

// The previous fetchSource's exchange for a 304: global fetch, one AbortController and timer per request.
async function globalFetchPoll(url: string): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const response = await fetch(url, { headers: { 'if-none-match': '"v1"', 'user-agent': 'bench' }, redirect: 'follow', signal: controller.signal });
    if (response.status !== 304) throw new Error(`expected 304, got ${response.status}`);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

// undici request as fetchSource makes it, but with an AbortController per request: what the EventEmitter signal saves.
async function abortControllerPoll(url: string, dispatcher: Dispatcher): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const response = await request(url, { dispatcher, headers: { 'if-none-match': '"v1"', 'user-agent': 'bench' }, signal: controller.signal });
    await response.body.dump();
    if (response.statusCode !== 304) throw new Error(`expected 304, got ${response.statusCode}`);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function cpuPerPoll(poll: () => Promise<unknown>, polls: number): Promise<number> {
  const start = process.cpuUsage();
  let next = 0;
  const lane = async () => {
    while (next++ < polls) await poll();
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / polls;
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const url = `http://127.0.0.1:${line.toString().trim()}/feed.xml`;
  const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 15_000 });
  const options: FetchOptions = { agent, timeoutMs: 15_000, maxBytes: 10_000_000, userAgent: 'bench', etag: '"v1"' };
  const source = { id: 'bench', url, title: 'bench', language: 'en', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 10 };
  const polls = {
    'global fetch + AbortController (before)': () => globalFetchPoll(url),
    'undici request + AbortController': () => abortControllerPoll(url, agent.pool),
    'fetchSource on undici request (after)': () => fetchSource(source, options),
  };
  for (const [name, poll] of Object.entries(polls)) {
    await cpuPerPoll(poll, WARMUP);
    const ms = await cpuPerPoll(poll, POLLS);
    console.log(`${name}: ${ms.toFixed(4)} ms CPU per 304 poll (${POLLS} polls, ${PARALLEL} in flight)`);
  }
  await agent.close();
  child.kill();
}

await main();
