// The M49 table built from world-countries: every country in exactly one continent, UN membership.
import { describe, expect, it } from 'vitest';
import { isCountryCode, m49Areas } from '../../src/config/index.ts';

const CONTINENTS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Antarctica'];

describe('m49Areas', () => {
  it('puts every country code in exactly one continent', () => {
    const areas = m49Areas();
    const counts = new Map<string, number>();
    for (const name of CONTINENTS) {
      for (const code of areas.get(name) ?? []) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    expect(counts.size).toBe(250);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it('follows the UN grouping where world-countries differs', () => {
    const areas = m49Areas();
    expect([...(areas.get('Northern America') ?? [])].sort()).toEqual(['BM', 'CA', 'GL', 'PM', 'US']);
    expect(areas.get('Central America')).toContain('MX');
    expect(areas.get('Western Europe')).toContain('AT');
    expect(areas.get('Southern Europe')).toContain('RS');
    expect(areas.get('South-eastern Asia')).toContain('VN');
    expect(areas.get('Sub-Saharan Africa')?.size).toBe(53);
    expect(areas.has('Central Europe')).toBe(false);
  });

  it('knows ISO alpha-2 codes, upper case only', () => {
    expect([isCountryCode('RU'), isCountryCode('ru'), isCountryCode('UK'), isCountryCode('XX')]).toEqual([true, false, false, false]);
  });
});
