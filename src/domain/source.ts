/** A feed a newsroom subscribes to, as validated from config/feeds.yaml. */
export interface Source {
  id: string;
  url: string;
  title: string;
  /** BCP 47 language tag of the feed's text, e.g. "en", "ru". */
  language: string;
  /** ISO 3166-1 alpha-2 codes assumed when a story gives no geographic signal (a weak prior). */
  defaultCountries: string[];
  /** Region ids assumed when a story gives no geographic signal. */
  defaultRegions: string[];
  /** How often the worker polls this source. */
  pollIntervalMinutes: number;
}

/** What the worker remembers about a source between polls. */
export interface SourceState {
  sourceId: string;
  lastFetchedAt?: string;
  lastSuccessAt?: string;
  /** HTTP validators for conditional GET. */
  etag?: string;
  lastModified?: string;
  lastError?: string;
  /** Non-fatal problems of the last parse (recovered XML, dropped items). */
  warnings?: string[];
  consecutiveFailures: number;
  itemsSeen: number;
}
