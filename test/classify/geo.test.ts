import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, type Classifier } from '../../src/classify/index.ts';

let classifier: Classifier;
beforeAll(() => {
  classifier = createClassifier([]);
});

const at = (lat: number, lon: number) =>
  classifier.classify({ title: 'Quake', text: 'A strong earthquake struck.', geo: { lat, lon }, defaultCountries: [], defaultRegions: [] });

describe('GeoRSS points', () => {
  it.each([
    ['Tokyo', 35.6895, 139.6917, 'JP'],
    ['Moscow', 55.7558, 37.6173, 'RU'],
    ['Strasbourg, near the German border', 48.5734, 7.7521, 'FR'],
    ['Kehl, across the Rhine from Strasbourg', 48.5725, 7.8155, 'DE'],
    ['El Paso', 31.7619, -106.485, 'US'],
    ['Ciudad Juarez, across the border from El Paso', 31.6904, -106.4245, 'MX'],
    ['Taipei', 25.033, 121.5654, 'TW'],
    ['Kathmandu', 27.7172, 85.324, 'NP'],
  ])('maps %s to its country', (_name, lat, lon, country) => {
    const result = at(lat, lon);
    expect(result.countries).toEqual([country]);
    expect(result.evidence[0]).toMatchObject({ country, kind: 'geo' });
  });

  it('says nothing for a point in the open South Pacific', () => {
    expect(at(-45, -130).countries).toEqual([]);
  });
});
