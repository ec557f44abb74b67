import { readFileSync } from 'node:fs';
import type { Source } from '../../src/domain/index.ts';
import { parseFeed, type ParsedFeed } from '../../src/parse/index.ts';

/** A source as config would give it, for normalizing fixture feeds. */
export function testSource(id: string, title: string, url: string): Source {
  return { id, url, title, language: 'en', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 10 };
}

/** A fixture under test/fixtures/feeds/, parsed as if fetched from `url`. */
export function parseFixture(path: string, url: string): ParsedFeed {
  return parseFeed(readFileSync(new URL(`../fixtures/feeds/${path}`, import.meta.url)), { url });
}
