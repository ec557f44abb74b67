import type { FetchAgent } from './agent.ts';

/** Limits and validators for one conditional GET. */
export interface FetchOptions {
  /** The process's connection pool, from createFetchAgent (it also holds the private-network guard). */
  agent: FetchAgent;
  /** Budget for the whole request, body included. */
  timeoutMs: number;
  /** Largest body accepted; bigger bodies are aborted, never buffered. */
  maxBytes: number;
  userAgent: string;
  /** Validators from the previous successful fetch. */
  etag?: string;
  lastModified?: string;
}

/** What the response says about how soon to ask again, and where the feed now lives. */
export interface ResponseHints {
  /** Final HTTP status (200, 304). */
  status: number;
  /** Cache-Control max-age (or s-maxage) in seconds. */
  maxAgeSeconds?: number;
  /** Expires as an ISO time, when the header parses. */
  expiresAt?: string;
  /** Target of a 301/308 met on the way (the first permanent hop), absolute. */
  permanentRedirect?: string;
  /** WebSub hubs from `Link: <…>; rel="hub"` headers, and the `rel="self"` topic if given. */
  hubs: string[];
  self?: string;
}

/** A fetched feed body, or word that it has not changed since the validators were issued. */
export type FetchResult =
  | ({
      kind: 'ok';
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** The URL after redirects; relative links in the feed resolve against it. */
      finalUrl: string;
    } & ResponseHints)
  | ({ kind: 'not-modified' } & ResponseHints);
