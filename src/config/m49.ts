import worldCountries, { type Countries, type Country } from 'world-countries';

// The package declares an ES default export over a CommonJS file; NodeNext types that as the module
// namespace, while Node (and tsx) hand us module.exports, which is the array.
const countries = worldCountries as unknown as Countries;

// UN M49 areas below the world, each with its parent (undefined for the five continents and Antarctica).
const PARENTS: Record<string, string | undefined> = {
  Africa: undefined,
  'Northern Africa': 'Africa',
  'Sub-Saharan Africa': 'Africa',
  'Eastern Africa': 'Sub-Saharan Africa',
  'Middle Africa': 'Sub-Saharan Africa',
  'Southern Africa': 'Sub-Saharan Africa',
  'Western Africa': 'Sub-Saharan Africa',
  Americas: undefined,
  'Latin America and the Caribbean': 'Americas',
  Caribbean: 'Latin America and the Caribbean',
  'Central America': 'Latin America and the Caribbean',
  'South America': 'Latin America and the Caribbean',
  'Northern America': 'Americas',
  Asia: undefined,
  'Central Asia': 'Asia',
  'Eastern Asia': 'Asia',
  'South-eastern Asia': 'Asia',
  'Southern Asia': 'Asia',
  'Western Asia': 'Asia',
  Europe: undefined,
  'Eastern Europe': 'Europe',
  'Northern Europe': 'Europe',
  'Channel Islands': 'Northern Europe',
  'Southern Europe': 'Europe',
  'Western Europe': 'Europe',
  Oceania: undefined,
  'Australia and New Zealand': 'Oceania',
  Melanesia: 'Oceania',
  Micronesia: 'Oceania',
  Polynesia: 'Oceania',
  Antarctica: undefined,
};

// world-countries mostly follows M49 but spells two subregions differently.
const SUBREGION_NAMES: Record<string, string> = {
  'South-Eastern Asia': 'South-eastern Asia',
  'North America': 'Northern America',
};

// Where world-countries departs from M49 (it has "Central Europe", "Southeast Europe", puts Mexico
// in North America and Cyprus in Europe, and files sub-Antarctic islands under "Antarctic").
const COUNTRY_AREAS: Record<string, string> = {
  AT: 'Western Europe',
  CZ: 'Eastern Europe',
  HU: 'Eastern Europe',
  PL: 'Eastern Europe',
  SK: 'Eastern Europe',
  BG: 'Eastern Europe',
  RO: 'Eastern Europe',
  SI: 'Southern Europe',
  AL: 'Southern Europe',
  BA: 'Southern Europe',
  HR: 'Southern Europe',
  MK: 'Southern Europe',
  ME: 'Southern Europe',
  RS: 'Southern Europe',
  XK: 'Southern Europe',
  GG: 'Channel Islands',
  JE: 'Channel Islands',
  CY: 'Western Asia',
  MX: 'Central America',
  UM: 'Micronesia',
  TF: 'Eastern Africa',
  BV: 'South America',
  GS: 'South America',
  HM: 'Australia and New Zealand',
  AQ: 'Antarctica',
};

function leafArea(country: Country): string {
  return COUNTRY_AREAS[country.cca2] ?? SUBREGION_NAMES[country.subregion] ?? country.subregion;
}

function buildAreas(): Map<string, Set<string>> {
  const areas = new Map(Object.keys(PARENTS).map((name) => [name, new Set<string>()]));
  for (const country of countries) {
    let area: string | undefined = leafArea(country);
    if (!areas.has(area)) throw new Error(`config: world-countries puts ${country.cca2} in unknown area "${area}"`);
    for (; area; area = PARENTS[area]) areas.get(area)?.add(country.cca2);
  }
  return areas;
}

const AREAS: ReadonlyMap<string, ReadonlySet<string>> = buildAreas();
const CODES: ReadonlySet<string> = new Set(countries.map((country) => country.cca2));

/** UN M49 area names (continents, sub-regions, intermediate regions) → ISO alpha-2 codes in each. */
export function m49Areas(): ReadonlyMap<string, ReadonlySet<string>> {
  return AREAS;
}

/** True for an ISO 3166-1 alpha-2 code that world-countries knows (upper case). */
export function isCountryCode(code: string): boolean {
  return CODES.has(code);
}
