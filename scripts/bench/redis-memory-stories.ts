import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Source, Story } from '../../src/domain/index.ts';
import { normalizeFeed } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import type { FilingEntry, SourceFiling } from '../../src/store/index.ts';

// Stories shaped like a newsroom's (title ~80 characters, summary ~300, sanitized HTML ~1,500, three
// identity keys, two regions, one or two countries, three pieces of evidence, a fingerprint of six
// band keys and a 64-byte signature, 30% with one copy from another source), their text made of the
// real sentences of the fixture feeds (news in English, German, Portuguese, Italian, Urdu …), a
// story's sentences all different, so the body compresses as a real story does, not as filler.
const FEEDS = fileURLToPath(new URL('../../test/fixtures/feeds/', import.meta.url));
const CONTINENTS = ['europe', 'asia', 'americas', 'africa', 'middle-east', 'oceania'];
const CONTINENT_WEIGHTS = [35, 25, 20, 10, 8, 2];
const COUNTRIES =
  'US RU UA CN GB DE FR JP IN IL IR TR BR PL KR IT ES CA AU MX ZA NG EG SA PK KE ID AR SY IQ BY KZ GE AM AZ VN TH PH MY SG NL BE CH AT SE NO FI DK CZ HU RO BG RS GR PT IE NZ CL CO PE'.split(
    ' ',
  );
const SOURCES = Array.from({ length: 26 }, (_, i) => `wire-${String.fromCharCode(97 + i)}`);

function sentencePool(): string[] {
  const texts: string[] = [];
  const source = {
    id: 'pool',
    url: 'https://pool.example/feed',
    title: 'pool',
    language: 'en',
    defaultCountries: [],
    defaultRegions: [],
    pollIntervalMinutes: 5,
  } as Source;
  for (const dir of readdirSync(FEEDS, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'unsupported' || dir.name === 'malformed') continue;
    for (const file of readdirSync(path.join(FEEDS, dir.name))) {
      try {
        const feed = parseFeed(readFileSync(path.join(FEEDS, dir.name, file)), { url: source.url, contentType: undefined });
        for (const item of normalizeFeed(feed, source, new Date())) texts.push(item.title, item.text);
      } catch {
        // Fixtures that are no feed on purpose give no sentences.
      }
    }
  }
  return [...new Set(texts.join(' ').split(/(?<=[.!?؟۔])\s+/))].filter((s) => s.length >= 30 && s.length <= 400);
}

/** A deterministic stream of stories, filings and the words their titles use. */
export function storyStream(seed = 1) {
  const pool = sentencePool();
  // mulberry32: a linear congruential generator's low bits repeat, and its band keys collided.
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const weighted = (weights: number[]) => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    return weights.findIndex((w) => (r -= w) < 0);
  };
  // Zipf-like: a few countries are in most stories.
  const country = () => COUNTRIES[Math.min(COUNTRIES.length - 1, Math.floor(COUNTRIES.length ** random()) - 1)] as string;
  const text = (length: number, used: Set<string>) => {
    let out = '';
    while (out.length < length) {
      const sentence = pick(pool);
      if (used.has(sentence)) continue;
      used.add(sentence);
      out += (out ? ' ' : '') + sentence;
    }
    return out.slice(0, length).replace(/\s\S*$/, '');
  };
  const base36 = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 36).toString(36)).join('');

  function story(n: number, published: Date): Story {
    const used = new Set<string>();
    const id = `s${String(n).padStart(7, '0')}${base36(8)}`;
    const sourceId = pick(SOURCES);
    const slug = text(60, used)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60);
    const url = `https://www.${sourceId}.example/world/${published.toISOString().slice(0, 10).replaceAll('-', '/')}/${slug}-${n}`;
    // Paragraphs of 250–450 characters up to ~1,500 characters of HTML.
    const paragraphs: string[] = [];
    for (let length = 0; length < 1400;) {
      const paragraph = text(Math.min(250 + Math.floor(random() * 200), 1500 - length - 7), used);
      paragraphs.push(`<p>${paragraph}</p>`);
      length += paragraph.length + 7;
    }
    const countries = random() < 0.5 ? [country()] : [...new Set([country(), country()])];
    return {
      id,
      item: {
        id,
        sourceId,
        guid: url,
        link: `${url}?utm_source=rss&utm_medium=feed`,
        url,
        title: text(80, used),
        summary: text(300, used),
        contentHtml: paragraphs.join(''),
        published: published.toISOString(),
        author: `${pick(['Anna', 'Ivan', 'Maria', 'John', 'Aisha', 'Chen'])} ${pick(['Petrova', 'Smith', 'Khan', 'Li', 'Okafor', 'Rossi'])}`,
        categories: [pick(['World', 'Politics', 'Business', 'Europe', 'Asia']), pick(['Diplomacy', 'Economy', 'Conflict', 'Energy'])],
        language: 'en',
        image: `https://cdn.${sourceId}.example/img/${published.toISOString().slice(0, 10)}/${base36(10)}.jpg`,
        enclosures: [],
      },
      countries,
      regions: ['world', CONTINENTS[weighted(CONTINENT_WEIGHTS)] as string],
      evidence: [
        { country: countries[0] as string, kind: 'dateline', match: 'MOSCOW', weight: 3 },
        { country: countries.at(-1) as string, kind: 'title', match: 'Kyiv', weight: 2 },
        { country: countries[0] as string, kind: 'body', match: 'Russian', weight: 1 },
      ],
      copies: [],
      firstSeen: new Date(published.getTime() + Math.floor(random() * 600_000)).toISOString(),
    };
  }

  function newEntry(s: Story): FilingEntry {
    const signature = Uint8Array.from({ length: 64 }, () => Math.floor(random() * 256));
    const bandKeys = [...Array.from({ length: 5 }, (_, band) => `${band}${base36(7)}`), `t${base36(7)}`];
    const identityKeys = [`url:${s.item.url}`, `guid:${s.item.guid}`, `url:${s.item.url}/amp`];
    return { kind: 'new', story: s, itemKey: `item:${s.id}`, identityKeys, fingerprint: { bandKeys, signature }, bandHolders: bandKeys.map(() => null) };
  }

  function copyEntry(s: Story, n: number): FilingEntry {
    const sourceId = pick(SOURCES.filter((id) => id !== s.item.sourceId));
    const itemId = `c${String(n).padStart(7, '0')}${base36(8)}`;
    const link = `https://www.${sourceId}.example/news/${itemId}`;
    return {
      kind: 'copy',
      storyId: s.id,
      copy: { itemId, sourceId, link, published: s.item.published },
      itemKey: `item:${itemId}`,
      identityKeys: [`url:${link}`, `guid:${link}`],
    };
  }

  /** `count` stories published over the days before `now`, filed in polls of `perFiling` entries, copies in later polls. */
  function filings(count: number, now: Date, perFiling = 50): SourceFiling[] {
    const span = Math.max(1, count / 1250) * 86_400_000;
    const stories = Array.from({ length: count }, (_, n) => story(n, new Date(now.getTime() - span + (span * n) / count)));
    const window = { now, hours: 72 };
    const news = stories.map(newEntry);
    const copies = stories.filter(() => random() < 0.3).map(copyEntry);
    const entries = [...news, ...copies];
    return Array.from({ length: Math.ceil(entries.length / perFiling) }, (_, i) => ({
      state: { sourceId: pick(SOURCES), consecutiveFailures: 0, itemsSeen: perFiling },
      entries: entries.slice(i * perFiling, (i + 1) * perFiling),
      window,
    }));
  }

  return { filings, pool };
}
