// Regions resolve to ISO country sets from codes, UN M49 areas and other regions.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import type { Region } from '../../src/domain/index.ts';

function regionsOf(regionLines: string): Map<string, Region> {
  const text = `regions:\n${regionLines}sources:
  - { id: wire, url: https://wire.example.org/rss, title: Wire, language: en }
output:
  baseUrl: https://feeds.example.org
`;
  return new Map(parseConfig(text, 'regions.yaml').regions.map((region) => [region.id, region]));
}

function countriesOf(regions: Map<string, Region>, id: string): string[] {
  return [...(regions.get(id)?.countries ?? [])].sort();
}

describe('region resolution', () => {
  it('takes the union of codes, areas and included regions, recursively', () => {
    const regions = regionsOf(`  - { id: baltics, title: Baltics, description: b, countries: [EE, LV, lt] }
  - { id: nordics, title: Nordics, description: n, countries: [DK, FI, IS, NO, SE] }
  - { id: north, title: North, description: n, include: [nordics, baltics], countries: [PL] }
  - { id: top, title: Top, description: t, include: [north], areas: [Northern America] }
`);
    expect(countriesOf(regions, 'baltics')).toEqual(['EE', 'LT', 'LV']);
    expect(countriesOf(regions, 'top')).toEqual(['BM', 'CA', 'DK', 'EE', 'FI', 'GL', 'IS', 'LT', 'LV', 'NO', 'PL', 'PM', 'SE', 'US']);
    expect(regions.get('top')?.everything).toBe(false);
  });

  it('resolves M49 sub-regions and intermediate regions by UN membership, not world-countries naming', () => {
    const regions = regionsOf(`  - { id: ssa, title: SSA, description: s, areas: [Sub-Saharan Africa] }
  - { id: latam, title: LatAm, description: l, areas: [Latin America and the Caribbean] }
  - { id: east, title: East, description: e, areas: [Eastern Europe] }
  - { id: west-asia, title: West Asia, description: w, areas: [Western Asia] }
`);
    expect(countriesOf(regions, 'ssa')).toContain('NG');
    expect(countriesOf(regions, 'ssa')).not.toContain('EG');
    expect(countriesOf(regions, 'latam')).toContain('MX');
    expect(countriesOf(regions, 'latam')).not.toContain('US');
    expect(countriesOf(regions, 'east')).toEqual(['BG', 'BY', 'CZ', 'HU', 'MD', 'PL', 'RO', 'RU', 'SK', 'UA']);
    expect(countriesOf(regions, 'west-asia')).toContain('CY');
  });

  it('makes a region that includes the world feed a world feed itself, and lower-cases keywords', () => {
    const regions = regionsOf(`  - { id: world, title: World, description: w, all: true }
  - id: everything-but-sport
    title: News
    description: n
    include: [world]
    keywords: { include: [Kremlin], exclude: [' Football '] }
`);
    expect(regions.get('world')).toMatchObject({ everything: true, includeKeywords: [], excludeKeywords: [] });
    expect(regions.get('everything-but-sport')).toMatchObject({
      everything: true,
      includeKeywords: ['kremlin'],
      excludeKeywords: ['football'],
    });
    expect(regions.get('everything-but-sport')?.countries.size).toBe(0);
  });

  it('names the include that closes a cycle', () => {
    expect(() =>
      regionsOf(`  - { id: a, title: A, description: a, include: [b] }
  - { id: b, title: B, description: b, include: [c], countries: [FR] }
  - { id: c, title: C, description: c, include: [a] }
  - { id: self, title: Self, description: s, include: [self] }
`),
    ).toThrow(
      'config: regions.yaml:4: regions[2].include[0]: include cycle: a → b → c → a\n' +
        'config: regions.yaml:5: regions[3].include[0]: include cycle: self → self',
    );
  });

  it('rejects all: true together with countries', () => {
    expect(() => regionsOf('  - { id: world, title: World, description: w, all: true, countries: [RU] }\n')).toThrow(
      'config: regions.yaml:2: regions[0]: a region with all: true takes every story; drop its countries, areas and include',
    );
  });
});
