import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a farm is shaped; everything it serves follows from these, so two farms alike serve the same bytes. */
export interface FarmOptions {
  feeds: number;
  /** Wire stories that several feeds carry at once, each with small edits (for the dedupe tests). */
  nearCopies?: number;
  /** Feeds each near copy appears in (default 3). */
  copiesPerStory?: number;
  /** Milliseconds to wait before answering each request. */
  delayMs?: number;
  /** Share of feeds that gain 2 items at each `advance()` (default 0.1). */
  changeShare?: number;
  /** The farm's clock at cycle 0 (default: two hours ago, to the second); cycle c is c minutes later. */
  start?: Date;
}

/** Requests one path has had since the last reset. */
export interface PathStats {
  requests: number;
  /** Answered 200 with a body, or 304. */
  full: number;
  notModified: number;
  /** Most requests of this path in flight at one moment. */
  maxInFlight: number;
}

/** A real HTTP server on 127.0.0.1 serving `feeds` deterministic RSS 2.0 feeds at `/feed/<n>.xml`. */
export interface FeedFarm {
  baseUrl: string;
  feeds: number;
  cycle: number;
  feedUrl(feed: number): string;
  /** The feed's document at the current cycle, as served, and its validators. */
  feedXml(feed: number): string;
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
const WORDS = `account action advice agency airport answer approach area army audit bank barrier basis battle
  beach board border bridge budget building cabinet campaign capital cargo ceiling chamber charge circuit
  claim climate coast coalition column committee company contract council court credit crop current damage
  debate debt decision defence deficit delegate demand deposit desk detail dispute district draft drought
  effort election energy engine estate evidence exchange export factory failure farm ferry figure finance
  fleet flood forecast forest fund garrison grain grant growth harbor harvest health highway hospital
  household income index industry inquiry interest island journal judge labour ladder lawmaker leader
  lending license loan lumber majority margin market measure merger mill minister mission motion network
  notice office operator orchard output panel parliament partner patrol payment pension permit pipeline
  plant platform pledge police policy port poverty power premium price program project protest province
  quarter railway rally ranch rate reactor record reform refinery region relief report reserve resort
  revenue review rival route ruling salary sample schedule school season sector senate session settlement
  shipment shortage signal site slope society speaker spending stadium station steel strike subsidy supply
  surplus survey tariff tax teacher terminal tender textile timber tower trade traffic transit treasury
  treaty tribunal tunnel union valley vendor vessel village visa vote wage warehouse water weather wheat
  yard yield agreed announced approved blocked boosted called cancelled cited closed cut delayed denied
  doubled eased expanded extended faced filed halted hired lifted lowered named opened ordered paused
  posted raised rejected renewed reopened restored revised rose seized signed slowed sought stalled
  suspended tightened urged voted warned widened amid after before despite during over under within
  against across toward beyond early late new rural urban coastal northern southern eastern western
  annual weekly sharp modest steady fragile narrow broad formal joint`.split(/\s+/);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DATELINES = ['MOSCOW', 'TOKYO', 'BERLIN', 'PARIS', 'CAIRO', 'NAIROBI', 'BRASILIA', 'OTTAWA', 'CANBERRA', 'NEW DELHI', 'MADRID', 'SEOUL'];

/** The text of one wire story, drawn from a generator seeded by its key: other keys read nothing alike. */
interface StoryText {
  title: string;
  lead: string[];
  body: string[];
}

// mulberry32, seeded by the key's hash: unsigned 32-bit draws.
function seededRandom(key: string): () => number {
  let state = createHash('sha256').update(key).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function storyText(key: string, published: Date): StoryText {
  const draw = seededRandom(key);
  const capital = (text: string) => text[0]?.toUpperCase() + text.slice(1);
  const words = (min: number) => {
    let text = WORDS[draw() % WORDS.length] as string;
    while (text.length < min) text += ` ${WORDS[draw() % WORDS.length] as string}`;
    return text;
  };
  const sentences = (chars: number) => {
    const out: string[] = [];
    for (let length = 0; length < chars; length += (out.at(-1)?.length ?? 0) + 1) out.push(`${capital(words(60 + (draw() % 60)))}.`);
    return out;
  };
  const dateline = DATELINES[draw() % DATELINES.length] as string;
  const day = `${MONTHS[published.getUTCMonth()]} ${published.getUTCDate()}`;
  const lead = sentences(260);
  lead[0] = `${dateline}, ${day} (Farm Wire) - ${lead[0]}`;
  return { title: capital(words(74)), lead, body: sentences(1150) };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const titleCase = (text: string) => text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());

/** Which near copy an item is: variant 0 as filed, 1 with an outlet's suffix, 2 recased with its last sentence cut. */
interface NearCopy {
  story: number;
  variant: number;
  /** The story's dateline date, the same in every copy. */
  filed: Date;
}

/** One `<item>`. */
function itemXml(feed: number, seq: number, published: Date, near?: NearCopy): string {
  const text = near ? storyText(`near-${near.story}`, near.filed) : storyText(`feed-${feed}-${seq}`, published);
  const { lead } = text;
  let { title, body } = text;
  if (near && near.variant % 3 === 1) title = `${title} | Outlet ${feed}`;
  if (near && near.variant % 3 === 2) [title, body] = [titleCase(title), body.slice(0, -1)];
  const link = `https://farm-${feed}.example/news/${seq}.html`;
  const paragraphs = [lead.join(' ')];
  for (let i = 0; i < body.length; i += 3) paragraphs.push(body.slice(i, i + 3).join(' '));
  const content = paragraphs.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join('\n');
  const enclosure = seq % 3 === 0 ? `\n<enclosure url="https://farm-${feed}.example/img/${seq}.jpg" length="${20_000 + seq}" type="image/jpeg"/>` : '';
  return `<item>
<title>${escapeXml(title)}</title>
<link>${link}</link>
<guid isPermaLink="false">farm-${feed}-${seq}</guid>
<pubDate>${published.toUTCString()}</pubDate>
<dc:creator>Reporter ${(feed + seq) % 97}</dc:creator>
<description>${escapeXml(lead.join(' '))}</description>
<content:encoded><![CDATA[${content}]]></content:encoded>${enclosure}
</item>`;
}

/** Starts a farm on a free port of 127.0.0.1. */
export async function startFeedFarm(options: FarmOptions): Promise<FeedFarm> {
  const { feeds, nearCopies = 0, copiesPerStory = 3, delayMs = 0, changeShare = 0.1 } = options;
  const spread = Math.floor(feeds / copiesPerStory);
  if (nearCopies > spread * ITEMS) throw new Error(`feed farm: ${feeds} feeds hold at most ${spread * ITEMS} near copies`);
  const start = options.start ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 120 * MINUTE);
  const grownAt: number[][] = Array.from({ length: feeds }, () => []);
  let cycle = 0;

  // Near copy j sits in feeds j % spread + v·spread (v < copiesPerStory), newest slots first: a farm
  // polled in config order rotated by `spread` has every copy of a story arrive at the same moment.
  const nearAt = (feed: number, seq: number): NearCopy | undefined => {
    if (seq >= ITEMS || feed >= spread * copiesPerStory) return undefined;
    const story = (ITEMS - 1 - seq) * spread + (feed % spread);
    return story < nearCopies ? { story, variant: Math.floor(feed / spread), filed: start } : undefined;
  };
  const published = (feed: number, seq: number) => {
    const at = seq < ITEMS ? -(ITEMS - seq) * 15 * MINUTE : (grownAt[feed]?.[(seq - ITEMS) >> 1] ?? 0) * MINUTE;
    return new Date(start.getTime() + at + (feed % 60) * 1000 + (seq % 2) * 1000);
  };
  const head = (feed: number) => ITEMS + 2 * (grownAt[feed]?.length ?? 0);
  const lastModified = (feed: number) => new Date(start.getTime() + (grownAt[feed]?.at(-1) ?? 0) * MINUTE);
  const etag = (feed: number) => `"farm-${feed}-${head(feed)}"`;
  const feedXml = (feed: number) => {
    const items: string[] = [];
    for (let seq = head(feed) - 1; seq >= head(feed) - ITEMS; seq--) items.push(itemXml(feed, seq, published(feed, seq), nearAt(feed, seq)));
    return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Farm ${feed}</title>
<link>https://farm-${feed}.example/</link>
<description>Deterministic test feed ${feed}</description>
<lastBuildDate>${lastModified(feed).toUTCString()}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
  };

  const stats = new Map<string, PathStats & { inFlight: number }>();
  let waiting: ((path: string) => void)[] = [];
  const answer = (request: IncomingMessage, response: ServerResponse, feed: number, entry: PathStats) => {
    const tag = etag(feed);
    const modified = lastModified(feed);
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = Date.parse(request.headers['if-modified-since'] ?? '');
    const fresh = ifNoneMatch !== undefined ? ifNoneMatch.split(',').some((t) => t.trim() === tag || t.trim() === '*') : ifModifiedSince >= modified.getTime();
    const headers = { etag: tag, 'last-modified': modified.toUTCString() };
    if (fresh) {
      entry.notModified += 1;
      response.writeHead(304, headers).end();
      return;
    }
    entry.full += 1;
    const body = feedXml(feed);
    response.writeHead(200, { ...headers, 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://farm').pathname;
    const match = /^\/feed\/(\d+)\.xml$/.exec(path);
    const feed = match ? Number(match[1]) : -1;
    const entry = stats.get(path) ?? { requests: 0, full: 0, notModified: 0, maxInFlight: 0, inFlight: 0 };
    stats.set(path, entry);
    entry.requests += 1;
    entry.inFlight += 1;
    entry.maxInFlight = Math.max(entry.maxInFlight, entry.inFlight);
    response.once('close', () => (entry.inFlight -= 1));
    for (const resolve of waiting) resolve(path);
    waiting = [];
    const reply = () => (feed >= 0 && feed < feeds ? answer(request, response, feed, entry) : response.writeHead(404).end('not found'));
    if (delayMs > 0) setTimeout(reply, delayMs);
    else reply();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    feeds,
    get cycle() {
      return cycle;
    },
    feedUrl: (feed) => farmFeedUrl(baseUrl, feed),
    feedXml,
    etag,
    nearCopyAt: (feed, position) => nearAt(feed, head(feed) - 1 - position)?.story,
    advance() {
      cycle += 1;
      const changed = chooseFeeds(feeds, Math.max(1, Math.round(feeds * changeShare)), `cycle-${cycle}`);
      for (const feed of changed) grownAt[feed]?.push(cycle);
      return changed;
    },
    stats: () => new Map([...stats].map(([path, { inFlight: _inFlight, ...counts }]) => [path, counts])),
    resetStats: () => stats.clear(),
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
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

/** Where a farm at `baseUrl` serves feed `feed`. */
export function farmFeedUrl(baseUrl: string, feed: number): string {
  return `${baseUrl}/feed/${feed}.xml`;
}

/** What the wirefeed config for a farm lists. */
export interface FarmConfigOptions {
  /** 'minimal' (world and europe, the default) or the regions of config/feeds.yaml. */
  regions?: 'minimal' | 'shipped';
  /** Sources in config order starting at this feed (wrapping round), so processes start apart. */
  rotate?: number;
  /** fetch.concurrency (default: the schema's). */
  concurrency?: number;
}

const MINIMAL_REGIONS = `regions:
  - { id: world, title: World, description: Every story, all: true }
  - { id: europe, title: Europe, description: Europe, areas: [Europe] }
`;

/** A wirefeed config YAML whose sources `farm-<n>` are the farm's feeds. */
export function farmConfigYaml(farm: { baseUrl: string; feeds: number }, options: FarmConfigOptions = {}): string {
  const sources: string[] = [];
  for (let i = 0; i < farm.feeds; i++) {
    const feed = (i + (options.rotate ?? 0)) % farm.feeds;
    sources.push(`  - { id: farm-${feed}, url: "${farmFeedUrl(farm.baseUrl, feed)}", title: Farm ${feed}, language: en }`);
  }
  const concurrency = options.concurrency ? `fetch:\n  concurrency: ${options.concurrency}\n` : '';
  return `${options.regions === 'shipped' ? shippedRegions() : MINIMAL_REGIONS}sources:
${sources.join('\n')}
output:
  baseUrl: http://feeds.example.test
${concurrency}`;
}

/** Writes `farmConfigYaml` to `file`. */
export async function writeFarmConfig(file: string, farm: { baseUrl: string; feeds: number }, options: FarmConfigOptions = {}): Promise<string> {
  await writeFile(file, farmConfigYaml(farm, options));
  return file;
}

// The `regions:` block of the shipped config, as written.
function shippedRegions(): string {
  const text = readFileSync(new URL('../../config/feeds.yaml', import.meta.url), 'utf8');
  return text.slice(text.search(/^regions:/m), text.search(/^sources:/m));
}
