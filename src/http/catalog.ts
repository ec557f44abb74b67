import countries from 'world-countries/countries.json' with { type: 'json' };
import type { Config } from '../config/index.ts';
import { NotFoundError, type Region } from '../domain/index.ts';
import type { FeedLinks, SourceRef } from '../render/index.ts';

const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(countries.map((c) => [c.cca2, c.name.common]));

/** What the routes look up: regions and countries by id, outlets, and absolute URLs. */
export interface Catalog {
  regions: readonly Region[];
  sources: ReadonlyMap<string, SourceRef>;
  /** The region with this id; NotFoundError naming the valid ids otherwise. */
  region(id: string): Region;
  /** The upper-case ISO 3166-1 alpha-2 code and name of a country; NotFoundError otherwise. */
  country(code: string): { code: string; name: string };
  /** Absolute URL of a path on this service. */
  url(path: string): string;
  /** Absolute URLs of a feed in each format, `key` being e.g. `russia` or `country/jp`. */
  feedLinks(key: string): FeedLinks;
}

/** Builds the lookups once from the validated config. */
export function createCatalog(config: Config): Catalog {
  const byId = new Map(config.regions.map((region) => [region.id, region]));
  const base = config.output.baseUrl.replace(/\/+$/, '');
  const url = (path: string): string => `${base}${path}`;
  return {
    regions: config.regions,
    sources: new Map(config.sources.map((s) => [s.id, { id: s.id, title: s.title, url: s.url }])),
    region(id) {
      const region = byId.get(id);
      if (region) return region;
      throw new NotFoundError(`http: unknown region "${id}"; valid regions: ${[...byId.keys()].join(', ')}`);
    },
    country(code) {
      const upper = code.toUpperCase();
      const name = COUNTRY_NAMES.get(upper);
      if (name) return { code: upper, name };
      const valid = [...COUNTRY_NAMES.keys()].sort().join(', ');
      throw new NotFoundError(`http: unknown country "${code}"; valid ISO 3166-1 alpha-2 codes: ${valid}`);
    },
    url,
    feedLinks: (key) => ({
      rss: url(`/feeds/${key}.rss`),
      atom: url(`/feeds/${key}.atom`),
      json: url(`/feeds/${key}.json`),
    }),
  };
}
