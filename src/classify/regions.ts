import type { Region } from '../domain/index.ts';
import { normalizePhrase } from './tokenize.ts';

/** A region with its keywords in the classifier's normalised form, ready to test. */
export interface RegionRule {
  region: Region;
  include: string[];
  exclude: string[];
}

/** Normalises each region's keywords once, so a story is only tokenised once. */
export function compileRegions(regions: Region[]): RegionRule[] {
  const norm = (keywords: string[]) => keywords.map((k) => ` ${normalizePhrase(k)} `).filter((k) => k.trim());
  return regions.map((region) => ({ region, include: norm(region.includeKeywords), exclude: norm(region.excludeKeywords) }));
}

/**
 * Region ids for a story: regions holding one of its countries, the `everything` regions and those
 * whose include keywords it contains, minus those whose exclude keywords it contains.
 * `words` is the story's normalised words joined by spaces, with a space at each end.
 */
export function regionsFor(countries: string[], words: string, rules: RegionRule[], extra: string[] = []): string[] {
  const out: string[] = [];
  for (const { region, include, exclude } of rules) {
    const matched = region.everything || extra.includes(region.id) || countries.some((c) => region.countries.has(c)) || include.some((k) => words.includes(k));
    if (matched && !exclude.some((k) => words.includes(k))) out.push(region.id);
  }
  return out;
}
