// The floor for a poll's cost: a bare loop of (conditional) GETs over the farm's feeds with Node's
// fetch (undici), as many in flight as the worker's default fetch.concurrency, bodies read and
// dropped. Run as a child process: `node --import tsx farm-get-loop.ts <baseUrl> <feeds> <etag file>`.
// With no etag file yet it GETs unconditionally; it then saves each feed's ETag there, so the next
// run is a steady cycle. Prints `{"cpuMs","wallMs","full","notModified"}` for the loop alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { farmFeedUrl } from '../../test/support/feed-farm.ts';

const CONCURRENCY = 4;
const [baseUrl = '', feedsArg = '0', etagFile = ''] = process.argv.slice(2);
const feeds = Number(feedsArg);
const etags: (string | null)[] = existsSync(etagFile) ? JSON.parse(readFileSync(etagFile, 'utf8')) : Array(feeds).fill(null);
const counts = { full: 0, notModified: 0 };

async function poll(feed: number): Promise<void> {
  const etag = etags[feed];
  const response = await fetch(farmFeedUrl(baseUrl, feed), { headers: etag ? { 'if-none-match': etag } : {} });
  await response.arrayBuffer();
  if (response.status === 304) counts.notModified += 1;
  else if (response.ok) [counts.full, etags[feed]] = [counts.full + 1, response.headers.get('etag')];
  else throw new Error(`bench: ${response.status} from the farm for feed ${feed}`);
}

const cpu = process.cpuUsage();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < feeds) await poll(next++);
  }),
);
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
writeFileSync(etagFile, JSON.stringify(etags));
process.stdout.write(`${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs, ...counts })}\n`);
