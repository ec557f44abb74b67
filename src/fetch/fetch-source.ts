import { FetchError, type Source } from '../domain/index.ts';
import { statusError, tooLargeError, transportError } from './fetch-errors.ts';
import { readBody } from './read-body.ts';
import { responseHints } from './response-hints.ts';
import type { FetchOptions, FetchResult } from './types.ts';

// Feed types first; generic XML/JSON and anything else still accepted because many servers mislabel feeds.
const ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
  'application/xml;q=0.9',
  'text/xml;q=0.9',
  'application/json;q=0.8',
  '*/*;q=0.5',
].join(', ');

/** One conditional GET of a source's feed, bounded in time and size; throws FetchError. */
export async function fetchSource(source: Source, options: FetchOptions): Promise<FetchResult> {
  checkScheme(source.url);
  const controller = new AbortController();
  let timedOut = false;
  // One timer for the whole exchange: a server that drips the body slowly is cut off too.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await fetch(source.url, {
      headers: requestHeaders(options),
      redirect: 'follow',
      signal: controller.signal,
    });
    return await readResponse(response, source.url, options);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw transportError(error, source.url, timedOut, options.timeoutMs);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

function checkScheme(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch (error) {
    throw new FetchError(`fetch: invalid URL ${url}`, undefined, false, { cause: error });
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new FetchError(`fetch: unsupported scheme ${protocol} in ${url}`, undefined, false);
  }
}

function requestHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: ACCEPT };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

async function readResponse(response: Response, url: string, options: FetchOptions): Promise<FetchResult> {
  if (response.status === 304) return { kind: 'not-modified', ...responseHints(response) };
  if (!response.ok) throw statusError(response.status, url);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > options.maxBytes) throw tooLargeError(url, options.maxBytes, response.status);
  const body = await readBody(response, options.maxBytes, url);
  return {
    kind: 'ok',
    body,
    contentType: response.headers.get('content-type') ?? undefined,
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
    finalUrl: response.url || url,
    ...responseHints(response),
  };
}
