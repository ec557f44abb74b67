import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelXml, itemXml, seededRandom, type NearCopy } from './feed-farm-text.ts';

/** How a farm is shaped; everything it serves follows from these, so two farms alike serve the same bytes. */
export interface FarmOptions {
  feeds: number;
  /** Wire stories that several feeds carry at once, each with small edits (for the dedupe tests). */
  nearCopies?: number;
  /** Feeds each near copy appears in (default 3). */
  copiesPerStory?: number;
  /** Milliseconds to wait before answering each request. */
  delayMs?: number;
  /** Loopback hosts the feeds are spread over (127.0.0.1, 127.0.0.2, …; one port), so per-host limits apply (default 1). */
  hosts?: number;
  /** Share of feeds that gain 2 items at each `advance()` (default 0.1). */
  changeShare?: number;
  /** The farm's clock at cycle 0 (default: two hours ago, to the second); cycle c is c minutes later. */
  start?: Date;
}

/** Requests one path has had since the last reset. */
export interface PathStats {
  requests: number;
  /** Answered 200, with the feed. */
  full: number;
  /** Answered 304. */
  notModified: number;
  /** Most requests of this path in flight at one moment. */
  maxInFlight: number;
}

/** A real HTTP server on 127.0.0.1 serving `feeds` deterministic RSS 2.0 feeds at `/feed/<n>.xml`. */
export interface FeedFarm {
  baseUrl: string;
  feeds: number;
  hosts: number;
  cycle: number;
  feedUrl(feed: number): string;
  /** The feed's document at the current cycle, as served. */
  feedXml(feed: number): string;
  /** The feed's ETag at the current cycle. */
  etag(feed: number): string;
  /** The near copy (story number) at a position of the feed as served now (0 = newest item), if any. */
  nearCopyAt(feed: number, position: number): number | undefined;
  /** Next cycle: some feeds (a deterministic choice per cycle) gain 2 items; returns which. */
  advance(): number[];
  /** Per-path request counts since the last reset. */
  stats(): Map<string, PathStats>;
  resetStats(): void;
  /** Resolves at the next request the farm receives. */
  nextRequest(): Promise<string>;
  close(): Promise<void>;
}

const ITEMS = 20;
const MINUTE = 60_000;

/** What the farm serves, cycle by cycle: every document and validator follows from the options. */
interface Catalog {
  cycle(): number;
  feedXml(feed: number): string;
  etag(feed: number): string;
  lastModified(feed: number): Date;
  nearCopyAt(feed: number, position: number): number | undefined;
  advance(): number[];
}

function createCatalog(options: FarmOptions): Catalog {
  const { feeds, nearCopies = 0, copiesPerStory = 3, changeShare = 0.1 } = options;
  const spread = Math.floor(feeds / copiesPerStory);
  if (nearCopies > spread * ITEMS) throw new Error(`feed farm: ${feeds} feeds hold at most ${spread * ITEMS} near copies`);
  const start = options.start ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 120 * MINUTE);
  // The cycles at which each feed gained its 2 items, oldest first: items 20 + 2i and 21 + 2i.
  const grownAt: number[][] = Array.from({ length: feeds }, () => []);
  let cycle = 0;
  // Near copy j sits in feeds j % spread + v·spread (v < copiesPerStory), newest slots first: a farm
  // polled in config order rotated by `spread` has every copy of a story arrive at the same moment.
  const nearAt = (feed: number, seq: number): NearCopy | undefined => {
    const story = (ITEMS - 1 - seq) * spread + (feed % spread);
    if (seq >= ITEMS || feed >= spread * copiesPerStory || story >= nearCopies) return undefined;
    return { story, variant: Math.floor(feed / spread), filed: start };
  };
  const published = (feed: number, seq: number) => {
    const at = seq < ITEMS ? -(ITEMS - seq) * 15 * MINUTE : (grownAt[feed]?.[(seq - ITEMS) >> 1] ?? 0) * MINUTE;
    return new Date(start.getTime() + at + (feed % 60) * 1000 + (seq % 2) * 1000);
  };
  const head = (feed: number) => ITEMS + 2 * (grownAt[feed]?.length ?? 0);
  const lastModified = (feed: number) => new Date(start.getTime() + (grownAt[feed]?.at(-1) ?? 0) * MINUTE);
  const feedXml = (feed: number) => {
    const items: string[] = [];
    for (let seq = head(feed) - 1; seq >= head(feed) - ITEMS; seq--) items.push(itemXml(feed, seq, published(feed, seq), nearAt(feed, seq)));
    return channelXml(feed, lastModified(feed), items);
  };
  return {
    cycle: () => cycle,
    feedXml,
    etag: (feed) => `"farm-${feed}-${head(feed)}"`,
    lastModified,
    nearCopyAt: (feed, position) => nearAt(feed, head(feed) - 1 - position)?.story,
    advance() {
      cycle += 1;
      const changed = chooseFeeds(feeds, Math.max(1, Math.round(feeds * changeShare)), `cycle-${cycle}`);
      for (const feed of changed) grownAt[feed]?.push(cycle);
      return changed;
    },
  };
}

// 304 when If-None-Match names the current ETag (it then decides alone), else when If-Modified-Since is not older.
function isFresh(request: IncomingMessage, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  return Date.parse(request.headers['if-modified-since'] ?? '') >= lastModified.getTime();
}

function answer(request: IncomingMessage, response: ServerResponse, catalog: Catalog, feed: number, entry: PathStats): void {
  const etag = catalog.etag(feed);
  const lastModified = catalog.lastModified(feed);
  const headers = { etag, 'last-modified': lastModified.toUTCString() };
  if (isFresh(request, etag, lastModified)) {
    entry.notModified += 1;
    response.writeHead(304, headers).end();
    return;
  }
  entry.full += 1;
  const body = catalog.feedXml(feed);
  response.writeHead(200, { ...headers, 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Starts a farm on a free port of 127.0.0.1. */
export async function startFeedFarm(options: FarmOptions): Promise<FeedFarm> {
  const catalog = createCatalog(options);
  const stats = new Map<string, PathStats & { inFlight: number }>();
  let waiting: ((path: string) => void)[] = [];
  const handler: RequestListener = (request, response) => {
    const path = new URL(request.url ?? '/', 'http://farm').pathname;
    const feed = Number(/^\/feed\/(\d+)\.xml$/.exec(path)?.[1] ?? -1);
    const entry = stats.get(path) ?? { requests: 0, full: 0, notModified: 0, maxInFlight: 0, inFlight: 0 };
    stats.set(path, entry);
    entry.requests += 1;
    entry.maxInFlight = Math.max(entry.maxInFlight, ++entry.inFlight);
    response.once('close', () => (entry.inFlight -= 1));
    for (const resolve of waiting) resolve(path);
    waiting = [];
    const reply = () => (feed >= 0 && feed < options.feeds ? answer(request, response, catalog, feed, entry) : response.writeHead(404).end('not found'));
    if (options.delayMs) setTimeout(reply, options.delayMs);
    else reply();
  };
  const hosts = options.hosts ?? 1;
  const servers: Server[] = [];
  for (let host = 0; host < hosts; host++) {
    const server = createServer(handler);
    const port = host === 0 ? 0 : (servers[0]?.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.listen(port, `127.0.0.${host + 1}`, resolve));
    servers.push(server);
  }
  const baseUrl = `http://127.0.0.1:${(servers[0]?.address() as AddressInfo).port}`;
  return {
    baseUrl,
    feeds: options.feeds,
    hosts,
    get cycle() {
      return catalog.cycle();
    },
    feedUrl: (feed) => farmFeedUrl(baseUrl, feed, hosts),
    feedXml: catalog.feedXml,
    etag: catalog.etag,
    nearCopyAt: catalog.nearCopyAt,
    advance: catalog.advance,
    stats: () => new Map([...stats].map(([path, { inFlight: _inFlight, ...counts }]) => [path, counts])),
    resetStats: () => stats.clear(),
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

// A seeded partial shuffle: `count` distinct feeds, the same ones for the same seed.
function chooseFeeds(feeds: number, count: number, seed: string): number[] {
  const order = Array.from({ length: feeds }, (_, i) => i);
  const draw = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const j = i + (draw() % (feeds - i));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order.slice(0, count).sort((a, b) => a - b);
}

/** Where a farm at `baseUrl` (on `hosts` loopback hosts) serves feed `feed`. */
export function farmFeedUrl(baseUrl: string, feed: number, hosts = 1): string {
  const url = new URL(`/feed/${feed}.xml`, baseUrl);
  if (hosts > 1) url.hostname = `127.0.0.${(feed % hosts) + 1}`;
  return url.href;
}

/** What the wirefeed config for a farm lists. */
export interface FarmConfigOptions {
  /** 'minimal' (world and europe, the default) or the regions of config/feeds.yaml. */
  regions?: 'minimal' | 'shipped';
  /** Sources in config order starting at this feed (wrapping round), so processes start apart. */
  rotate?: number;
  /** fetch.concurrency (default: the schema's). */
  concurrency?: number;
  /** fetch.perHost (default 64, the most allowed: every feed is on one host). */
  perHost?: number;
}

const MINIMAL_REGIONS = `regions:
  - { id: world, title: World, description: Every story, all: true }
  - { id: europe, title: Europe, description: Europe, areas: [Europe] }
`;

/** A wirefeed config YAML whose sources `farm-<n>` are the farm's feeds. */
export function farmConfigYaml(farm: { baseUrl: string; feeds: number; hosts?: number }, options: FarmConfigOptions = {}): string {
  const sources: string[] = [];
  for (let i = 0; i < farm.feeds; i++) {
    const feed = (i + (options.rotate ?? 0)) % farm.feeds;
    sources.push(`  - { id: farm-${feed}, url: "${farmFeedUrl(farm.baseUrl, feed, farm.hosts)}", title: Farm ${feed}, language: en }`);
  }
  // Every feed is on loopback (which the fetch guard refuses unless private networks are allowed) and on
  // one host: per-host limits as loose as the schema allows.
  const concurrency = options.concurrency ? `  concurrency: ${options.concurrency}\n` : '';
  const fetch = `fetch:\n  allowPrivateNetworks: true\n  perHost: ${options.perHost ?? 64}\n  hostSpacingMs: 0\n${concurrency}`;
  return `${options.regions === 'shipped' ? shippedRegions() : MINIMAL_REGIONS}sources:
${sources.join('\n')}
output:
  baseUrl: http://feeds.example.test
${fetch}`;
}

/** Writes `farmConfigYaml` to `file`. */
export async function writeFarmConfig(
  file: string,
  farm: { baseUrl: string; feeds: number; hosts?: number },
  options: FarmConfigOptions = {},
): Promise<string> {
  await writeFile(file, farmConfigYaml(farm, options));
  return file;
}

// The `regions:` block of the shipped config, as written.
function shippedRegions(): string {
  const text = readFileSync(new URL('../../config/feeds.yaml', import.meta.url), 'utf8');
  return text.slice(text.search(/^regions:/m), text.search(/^sources:/m));
}
