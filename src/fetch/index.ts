/** The fetch stage: one bounded, conditional GET per source. */
export { fetchSource } from './fetch-source.ts';
export type { FetchOptions, FetchResult } from './types.ts';
