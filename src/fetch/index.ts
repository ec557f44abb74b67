/** The fetch stage: one bounded, conditional GET per source. */
export { fetchSource } from './fetch-source.ts';
export { createFetchAgent, type FetchAgent, type FetchAgentOptions, type FetchObservation, type FetchObserver } from './agent.ts';
export { bodyDigest } from './body-digest.ts';
export { buildUserAgent } from './user-agent.ts';
export type { FetchOptions, FetchResult, ResponseHints } from './types.ts';
