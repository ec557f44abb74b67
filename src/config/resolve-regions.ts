import type { Region } from '../domain/index.ts';
import { m49Areas } from './m49.ts';
import type { RawRegion } from './schema.ts';

/**
 * Turns validated region entries into domain regions: each region's countries are the union of its
 * ISO codes, its M49 areas and, recursively, the regions it includes. Including a world region
 * (all: true) makes the includer a world region too. References and cycles must be checked first.
 */
export function resolveRegions(raw: readonly RawRegion[]): Region[] {
  const byId = new Map(raw.map((region) => [region.id, region]));
  const resolved = new Map<string, { countries: Set<string>; everything: boolean }>();
  const resolve = (region: RawRegion): { countries: Set<string>; everything: boolean } => {
    const known = resolved.get(region.id);
    if (known) return known;
    const countries = new Set(region.countries);
    let everything = region.all === true;
    for (const area of region.areas ?? []) for (const code of m49Areas().get(area) ?? []) countries.add(code);
    for (const id of region.include ?? []) {
      const included = byId.get(id);
      if (!included) continue;
      const part = resolve(included);
      everything ||= part.everything;
      for (const code of part.countries) countries.add(code);
    }
    const result = { countries: everything ? new Set<string>() : countries, everything };
    resolved.set(region.id, result);
    return result;
  };
  return raw.map((region) => ({
    id: region.id,
    title: region.title,
    description: region.description,
    ...resolve(region),
    includeKeywords: region.keywords?.include ?? [],
    excludeKeywords: region.keywords?.exclude ?? [],
  }));
}
