/** A curated feed: a set of countries, resolved from ISO codes, M49 areas and other regions. */
export interface Region {
  id: string;
  title: string;
  description: string;
  /** Resolved ISO 3166-1 alpha-2 codes; empty with `everything` true for the world feed. */
  countries: ReadonlySet<string>;
  /** True for a region that takes every story (the `world` feed). */
  everything: boolean;
  /** Lower-cased keywords: a story whose text contains one joins the region. */
  includeKeywords: string[];
  /** Lower-cased keywords: a story whose text contains one is kept out of the region. */
  excludeKeywords: string[];
}
