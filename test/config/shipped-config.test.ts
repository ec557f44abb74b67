// The config/feeds.yaml we ship loads, and its regions mean what their titles say.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, m49Areas, type Config } from '../../src/config/index.ts';

const SHIPPED = fileURLToPath(new URL('../../config/feeds.yaml', import.meta.url));
let config: Config;

function countries(id: string): ReadonlySet<string> {
  const region = config.regions.find((candidate) => candidate.id === id);
  if (!region) throw new Error(`no region ${id}`);
  return region.countries;
}

beforeAll(async () => {
  config = await loadConfig(SHIPPED);
});

describe('shipped config/feeds.yaml', () => {
  it('has the default regions, each resolving to countries (world to everything)', () => {
    expect(config.regions.map((region) => region.id)).toEqual(['world', 'russia', 'europe', 'asia-pacific', 'middle-east', 'africa', 'americas']);
    for (const region of config.regions) {
      if (region.id === 'world') expect(region).toMatchObject({ everything: true });
      else
        expect({ id: region.id, empty: region.countries.size === 0, everything: region.everything }).toEqual({
          id: region.id,
          empty: false,
          everything: false,
        });
    }
  });

  it('puts countries where a news desk expects them, and every country in some region besides world', () => {
    expect([...countries('russia')]).toEqual(['RU']);
    expect(countries('europe')).toContain('RU');
    expect(countries('europe')).toContain('CY');
    for (const caucasus of ['AM', 'AZ', 'GE']) expect(countries('europe')).toContain(caucasus);
    expect(countries('middle-east')).not.toContain('GE');
    expect(countries('asia-pacific')).toContain('JP');
    expect(countries('asia-pacific')).toContain('AU');
    expect(countries('asia-pacific')).toContain('IN');
    expect(countries('asia-pacific')).not.toContain('IR');
    expect(countries('middle-east')).toContain('IR');
    expect(countries('middle-east')).toContain('EG');
    expect(countries('africa')).toContain('EG');
    expect(countries('americas')).toContain('BR');
    // Every country of an inhabited M49 continent is in some regional feed, not only in world.
    const regional = new Set(['russia', 'europe', 'asia-pacific', 'middle-east', 'africa', 'americas'].flatMap((id) => [...countries(id)]));
    const continents = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'].flatMap((area) => [...(m49Areas().get(area) ?? [])]);
    expect(continents.length).toBeGreaterThan(240);
    expect(continents.filter((code) => !regional.has(code))).toEqual([]);
  });

  it('lists at least 15 sources with defaults pointing at real regions', () => {
    expect(config.sources.length).toBeGreaterThanOrEqual(15);
    const regionIds = new Set(config.regions.map((region) => region.id));
    for (const source of config.sources) {
      expect(source.defaultRegions.filter((id) => !regionIds.has(id))).toEqual([]);
      expect(source.pollIntervalMinutes).toBeGreaterThan(0);
    }
    expect(config.sources.find((source) => source.id === 'dw-en')?.url).toBe('https://rss.dw.com/rdf/rss-en-all');
  });

  it('fills output, fetch and dedupe', () => {
    expect(config.output).toEqual({ baseUrl: 'http://localhost:8080', title: 'wirefeed', itemsPerFeed: 50, retention: { days: 14 } });
    expect(config.fetch).toEqual({
      timeoutMs: 15_000,
      maxBytes: 10 * 1024 * 1024,
      concurrency: 16,
      perHost: 1,
      hostSpacingMs: 1_000,
      minPollMinutes: 2,
      maxPollMinutes: 1_440,
      allowPrivateNetworks: false,
      allowedNetworks: [],
      maxItemsPerFeed: 500,
      contactUrl: 'https://github.com/wirefeed/wirefeed',
    });
    expect(config.dedupe).toEqual({ windowHours: 72 });
  });
});
