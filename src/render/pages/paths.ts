/** Path of a region's page. */
export function regionPath(id: string): string {
  return `/regions/${encodeURIComponent(id)}`;
}

/** Path of a country's page, by ISO 3166-1 alpha-2 code (any case). */
export function countryPath(code: string): string {
  return `/countries/${encodeURIComponent(code.toLowerCase())}`;
}

/** Path of a region's embeddable list. */
export function embedPath(regionId: string): string {
  return `/embed/${encodeURIComponent(regionId)}`;
}
