// The floor for a poll's cost: a bare loop of (conditional) GETs over the farm's feeds with undici's
// `request` (what src/fetch is built on, without its checks), as many in flight as the worker's
// default fetch.concurrency, bodies read and dropped. Run as a child process:
// `node --import tsx farm-get-loop.ts <baseUrl> <feeds> <etag file> [in flight]`.
// With no etag file yet it GETs unconditionally; it then saves each feed's ETag there, so the next
// run is a steady cycle. Prints `{"cpuMs","wallMs","full","notModified"}` for the loop alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'undici';
import { fetchDefaults } from '../../src/config/index.ts';
import { farmFeedUrl } from '../../test/support/feed-farm.ts';

const [baseUrl = '', feedsArg = '0', etagFile = '', inFlight = String(fetchDefaults().concurrency)] = process.argv.slice(2);
const feeds = Number(feedsArg);
const etags: (string | null)[] = existsSync(etagFile) ? JSON.parse(readFileSync(etagFile, 'utf8')) : Array(feeds).fill(null);
const counts = { full: 0, notModified: 0 };

async function poll(feed: number): Promise<void> {
  const etag = etags[feed];
  const response = await request(farmFeedUrl(baseUrl, feed), { headers: etag ? { 'if-none-match': etag } : {} });
  await response.body.arrayBuffer();
  if (response.statusCode === 304) counts.notModified += 1;
  else if (response.statusCode === 200) [counts.full, etags[feed]] = [counts.full + 1, String(response.headers.etag ?? '')];
  else throw new Error(`bench: ${response.statusCode} from the farm for feed ${feed}`);
}

const cpu = process.cpuUsage();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(inFlight) }, async () => {
    while (next < feeds) await poll(next++);
  }),
);
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
writeFileSync(etagFile, JSON.stringify(etags));
process.stdout.write(`${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs, ...counts })}\n`);
