import { FetchError } from '../domain/index.ts';

/** The host of a URL for messages, or the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** An HTTP status that is not a success: 5xx, 429 and 408 may pass, other 4xx will not. */
export function statusError(status: number, url: string): FetchError {
  const retryable = status >= 500 || status === 429 || status === 408;
  return new FetchError(`fetch: ${status} from ${hostOf(url)}`, status, retryable);
}

/** A body larger than the configured limit; retrying would fetch the same oversized body. */
export function tooLargeError(url: string, maxBytes: number, status: number): FetchError {
  return new FetchError(`fetch: body from ${hostOf(url)} exceeds ${maxBytes} bytes`, status, false);
}

/** A timeout, refused connection, DNS failure or reset: all worth another try later. */
export function transportError(error: unknown, url: string, timedOut: boolean, timeoutMs: number): FetchError {
  const host = hostOf(url);
  if (timedOut) return new FetchError(`fetch: timed out after ${timeoutMs} ms from ${host}`, undefined, true, { cause: error });
  return new FetchError(`fetch: ${describe(error)} from ${host}`, undefined, true, { cause: error });
}

// undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === 'string') return `${error.message} (${cause.code})`;
  if (cause && typeof cause.message === 'string') return `${error.message} (${cause.message})`;
  return error.message;
}
