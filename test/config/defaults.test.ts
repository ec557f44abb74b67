// Optional settings take their documented defaults; a source maps onto the domain Source.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';

describe('config defaults', () => {
  it('fills every optional field', () => {
    const config = parseConfig(
      `regions:
  - { id: world, title: World, description: All, all: true }
sources:
  - id: ria
    url: https://ria.ru/export/rss2/archive/index.xml
    title: RIA Novosti
    language: ru
    default: { countries: [ru], regions: [world] }
  - { id: dw, url: 'https://rss.dw.com/rdf/rss-en-all', title: DW, language: en, pollMinutes: 5 }
output:
  baseUrl: https://feeds.example.org/wire/
`,
      'minimal.yaml',
    );
    expect(config.file).toBe('minimal.yaml');
    expect(config.sources).toEqual([
      {
        id: 'ria',
        url: 'https://ria.ru/export/rss2/archive/index.xml',
        title: 'RIA Novosti',
        language: 'ru',
        defaultCountries: ['RU'],
        defaultRegions: ['world'],
        pollIntervalMinutes: 15,
      },
      {
        id: 'dw',
        url: 'https://rss.dw.com/rdf/rss-en-all',
        title: 'DW',
        language: 'en',
        defaultCountries: [],
        defaultRegions: [],
        pollIntervalMinutes: 5,
      },
    ]);
    expect(config.output).toEqual({
      baseUrl: 'https://feeds.example.org/wire',
      title: 'wirefeed',
      itemsPerFeed: 50,
      retention: { days: 14 },
    });
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
