import countries from 'world-countries/countries.json' with { type: 'json' };
import type { Config } from '../config/index.ts';
import { NotFoundError, type Region, type Source } from '../domain/index.ts';
import type { FeedLinks, SourceRef } from '../render/index.ts';
import type { FeedRef } from '../store/index.ts';
import { quoted } from './quote.ts';

const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(countries.map((c) => [c.cca2, c.name.common]));

// A reader may keep a feed this long at most, however rarely its sources are polled.
const MAX_TTL_MINUTES = 60;

/** A feed the service publishes, unfiltered: what a WebSub hub is told about when it changes. */
export interface PublishedFeed {
  ref: FeedRef;
  /** Its URL in each format. */
  urls: string[];
}

/** What the routes look up: regions and countries by id, outlets, and absolute URLs. */
export interface Catalog {
  regions: readonly Region[];
  sources: ReadonlyMap<string, SourceRef>;
  /** The region with this id; NotFoundError naming the valid ids otherwise. */
  region(id: string): Region;
  /** The upper-case ISO 3166-1 alpha-2 code and name of a country; NotFoundError otherwise. */
  country(code: string): { code: string; name: string };
  /** Whether a code (upper case) is an ISO 3166-1 alpha-2 country code. */
  isCountry(code: string): boolean;
  /** Absolute URL of a path on this service. */
  url(path: string): string;
  /** Absolute URLs of a feed in each format, `key` being e.g. `russia` or `country/jp`; `query` without its `?`. */
  feedLinks(key: string, query?: string): FeedLinks;
  /** The shared language of these sources (all of them when none are named), if they agree. */
  languageOf(sourceIds?: readonly string[]): string | undefined;
  /** Minutes a reader may keep a feed of these sources (all when none are named): the shortest poll, capped. */
  ttlMinutesOf(sourceIds?: readonly string[]): number;
}

/** Builds the lookups once from the validated config; `config.output.baseUrl` is the public address. */
export function createCatalog(config: Config): Catalog {
  const byId = new Map(config.regions.map((region) => [region.id, region]));
  const sourceById = new Map(config.sources.map((source) => [source.id, source]));
  const base = config.output.baseUrl.replace(/\/+$/, '');
  const url = (path: string): string => `${base}${path}`;
  const chosen = (ids: readonly string[] | undefined): Source[] => (ids?.length ? ids.flatMap((id) => sourceById.get(id) ?? []) : config.sources);
  return {
    regions: config.regions,
    sources: new Map(config.sources.map((s) => [s.id, { id: s.id, title: s.title, url: s.url }])),
    region(id) {
      const region = byId.get(id);
      if (region) return region;
      throw new NotFoundError(`http: unknown region ${quoted(id)}; valid regions: ${[...byId.keys()].join(', ')}`);
    },
    country(code) {
      const upper = code.toUpperCase();
      const name = COUNTRY_NAMES.get(upper);
      if (name) return { code: upper, name };
      const valid = [...COUNTRY_NAMES.keys()].sort().join(', ');
      throw new NotFoundError(`http: unknown country ${quoted(code)}; valid ISO 3166-1 alpha-2 codes: ${valid}`);
    },
    isCountry: (code) => COUNTRY_NAMES.has(code),
    url,
    feedLinks: (key, query) => {
      const search = query ? `?${query}` : '';
      return { rss: url(`/feeds/${key}.rss${search}`), atom: url(`/feeds/${key}.atom${search}`), json: url(`/feeds/${key}.json${search}`) };
    },
    languageOf(ids) {
      const languages = new Set(chosen(ids).map((source) => source.language.toLowerCase()));
      return languages.size === 1 ? [...languages][0] : undefined;
    },
    ttlMinutesOf(ids) {
      const shortest = Math.min(...chosen(ids).map((source) => source.pollIntervalMinutes));
      return Number.isFinite(shortest) ? Math.min(shortest, MAX_TTL_MINUTES) : MAX_TTL_MINUTES;
    },
  };
}

/** Every region and country feed of the catalog, unfiltered, with its URL in each format. */
export function publishedFeeds(catalog: Catalog): PublishedFeed[] {
  const feed = (ref: FeedRef, key: string): PublishedFeed => ({ ref, urls: Object.values(catalog.feedLinks(key)) });
  return [
    ...catalog.regions.map((region) => feed({ kind: 'region', id: region.id }, region.id)),
    ...[...COUNTRY_NAMES.keys()].sort().map((code) => feed({ kind: 'country', code }, `country/${code.toLowerCase()}`)),
  ];
}
