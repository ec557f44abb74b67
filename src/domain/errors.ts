/** The small family of errors every stage throws; messages start with the stage name. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A feed could not be fetched; `retryable` says whether the next poll may succeed. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    options?: ErrorOptions & { retryAfterSeconds?: number; hostWide?: boolean },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.hostWide = options?.hostWide ?? false;
  }
  /** Retry-After of a 429/503, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  /** The refusal speaks for the whole host (429/503), not this feed alone. */
  readonly hostWide: boolean;
}

/** Why a document yielded no items. */
export type ParseFailure = 'not-a-feed' | 'empty' | 'invalid-xml' | 'unsupported';

/** A document that is not a usable feed. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(
    message: string,
    readonly kind: ParseFailure,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The store failed; never swallowed. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** A region, country or story that does not exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A query the caller got wrong: a malformed cursor, a page size that is not a positive integer. */
export class QueryError extends Error {
  override name = 'QueryError';
}
