import { EventEmitter } from 'node:events';
import { request, type Dispatcher } from 'undici';
import { FetchError, type Source } from '../domain/index.ts';
import { redirectError, statusError, tooLargeError, transportError } from './fetch-errors.ts';
import { readBody } from './read-body.ts';
import { header, responseHints } from './response-hints.ts';
import { retryAfterSeconds } from './retry-after.ts';
import type { FetchObservation } from './agent.ts';
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

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);
const STALE_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

/** One conditional GET of a source's feed, bounded in time and size, redirects followed by hand; throws FetchError. */
export async function fetchSource(source: Source, options: FetchOptions): Promise<FetchResult> {
  // One timer for the whole exchange, redirects and body included: a server that drips is cut off too.
  // undici takes an EventEmitter as its signal, which costs far less than an AbortController per request.
  const deadline = { signal: new EventEmitter(), expired: false };
  const timer = setTimeout(() => {
    deadline.expired = true;
    deadline.signal.emit('abort');
  }, options.timeoutMs);
  const started = performance.now();
  const observed = (outcome: FetchObservation['outcome']) => options.agent.observe?.({ sourceId: source.id, durationMs: performance.now() - started, outcome });
  try {
    const result = await followRedirects(source.url, options, deadline);
    observed(result.kind);
    return result;
  } catch (error) {
    observed('failed');
    // What the hops did not classify (a body that failed while drained) is named after the source.
    throw classified(error, source.url, options, deadline);
  } finally {
    clearTimeout(timer);
  }
}

interface Deadline {
  signal: EventEmitter;
  expired: boolean;
}

async function followRedirects(start: string, options: FetchOptions, deadline: Deadline): Promise<FetchResult> {
  let url = start;
  let permanentRedirect: string | undefined;
  for (let hop = 0; ; hop++) {
    checkScheme(url);
    const response = await send(url, options, deadline);
    if (!REDIRECTS.has(response.statusCode)) return readResponse(response, url, options, deadline, permanentRedirect);
    await response.body.dump();
    const next = redirectTarget(response, url, hop);
    if (PERMANENT.has(response.statusCode)) permanentRedirect ??= next;
    url = next;
  }
}

function redirectTarget(response: Dispatcher.ResponseData, url: string, hop: number): string {
  const location = header(response.headers, 'location');
  if (!location) throw redirectError(url, response.statusCode, 'redirects without a Location');
  if (hop >= MAX_REDIRECTS) throw redirectError(url, response.statusCode, `redirects more than ${MAX_REDIRECTS} times`);
  try {
    return new URL(location, url).href;
  } catch (error) {
    throw new FetchError(`fetch: ${response.statusCode} from ${new URL(url).host} redirects to an invalid URL`, response.statusCode, false, { cause: error });
  }
}

// A keep-alive socket the server closed while idle fails before any response byte. A stalled event
// loop can leave several pooled sockets in that state, so the one retry goes on a new connection.
// Errors are classified here, where the hop's URL is known: a timeout names the host that was slow.
async function send(url: string, options: FetchOptions, deadline: Deadline): Promise<Dispatcher.ResponseData> {
  try {
    return await sendOn(options.agent.pool, url, options, deadline.signal);
  } catch (error) {
    if (!STALE_SOCKET.has((error as { code?: string }).code ?? '')) throw classified(error, url, options, deadline);
    const fresh = options.agent.freshConnection(new URL(url).origin);
    try {
      return await sendOn(fresh, url, options, deadline.signal);
    } catch (retryError) {
      throw classified(retryError, url, options, deadline);
    } finally {
      void fresh.close().catch(() => undefined);
    }
  }
}

function classified(error: unknown, url: string, options: FetchOptions, deadline: Deadline): FetchError {
  return error instanceof FetchError ? error : transportError(error, url, deadline.expired, options.timeoutMs);
}

function sendOn(dispatcher: Dispatcher, url: string, options: FetchOptions, signal: EventEmitter): Promise<Dispatcher.ResponseData> {
  return request(url, {
    dispatcher,
    headers: requestHeaders(options),
    signal,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
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
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

async function readResponse(
  response: Dispatcher.ResponseData,
  url: string,
  options: FetchOptions,
  deadline: Deadline,
  permanentRedirect?: string,
): Promise<FetchResult> {
  const { statusCode: status, headers } = response;
  const hints = { ...responseHints(status, headers, url), ...(permanentRedirect ? { permanentRedirect } : {}) };
  if (status === 304) {
    await response.body.dump();
    return { kind: 'not-modified', ...hints };
  }
  if (status < 200 || status > 299) {
    await response.body.dump();
    throw statusError(status, url, retryAfter(headers));
  }
  const declared = Number(header(headers, 'content-length') ?? NaN);
  if (declared > options.maxBytes) {
    response.body.destroy();
    throw tooLargeError(url, options.maxBytes, status);
  }
  const body = await readBody(response, options.maxBytes, url).catch((error: unknown) => {
    throw classified(error, url, options, deadline);
  });
  return {
    kind: 'ok',
    body,
    contentType: header(headers, 'content-type'),
    etag: header(headers, 'etag'),
    lastModified: header(headers, 'last-modified'),
    finalUrl: url,
    ...hints,
  };
}

// Measured from the response's own Date when it has one, so a skewed local clock does not stretch the wait.
function retryAfter(headers: Dispatcher.ResponseData['headers']): number | undefined {
  const date = Date.parse(header(headers, 'date') ?? '');
  return retryAfterSeconds(header(headers, 'retry-after'), Number.isNaN(date) ? new Date() : new Date(date));
}
