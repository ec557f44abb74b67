/** Limits and validators for one conditional GET. */
export interface FetchOptions {
  /** Budget for the whole request, body included. */
  timeoutMs: number;
  /** Largest body accepted; bigger bodies are aborted, never buffered. */
  maxBytes: number;
  userAgent: string;
  /** Validators from the previous successful fetch. */
  etag?: string;
  lastModified?: string;
}

/** A fetched feed body, or word that it has not changed since the validators were issued. */
export type FetchResult =
  | {
      kind: 'ok';
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** The URL after redirects; relative links in the feed resolve against it. */
      finalUrl: string;
    }
  | { kind: 'not-modified' };
