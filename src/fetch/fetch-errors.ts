import { FetchError } from '../domain/index.ts';

/** The host of a URL for messages, or the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * An HTTP status that is not a success: 5xx, 429 and 408 may pass, other 4xx (410 Gone included) will not.
 * A 429 or 503 speaks for the whole host and carries its Retry-After.
 */
export function statusError(status: number, url: string, retryAfterSeconds?: number): FetchError {
  const retryable = status >= 500 || status === 429 || status === 408;
  const hostWide = status === 429 || status === 503;
  return new FetchError(`fetch: ${status} from ${hostOf(url)}`, status, retryable, hostWide ? { hostWide, retryAfterSeconds } : undefined);
}

/** A body larger than the configured limit; retrying would fetch the same oversized body. */
export function tooLargeError(url: string, maxBytes: number, status: number): FetchError {
  return new FetchError(`fetch: body from ${hostOf(url)} exceeds ${maxBytes} bytes`, status, false);
}

/** A redirect that cannot be followed: no Location, a loop longer than the limit, or a scheme we do not fetch. */
export function redirectError(url: string, status: number, why: string): FetchError {
  return new FetchError(`fetch: ${status} from ${hostOf(url)} ${why}`, status, false);
}

/** A timeout, refused connection, DNS failure or reset: all worth another try later. */
export function transportError(error: unknown, url: string, timedOut: boolean, timeoutMs: number): FetchError {
  const host = hostOf(url);
  if (timedOut) return new FetchError(`fetch: timed out after ${timeoutMs} ms from ${host}`, undefined, true, { cause: error });
  return new FetchError(`fetch: ${describe(error)} from ${host}`, undefined, true, { cause: error });
}

// Socket errors name their code (ECONNREFUSED, ENOTFOUND…) in the message; undici's own errors only in `code`.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && !error.message.includes(code)) return `${error.message} (${code})`;
  return error.message;
}
