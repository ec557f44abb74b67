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
  /** This source's own `output.retention.days` for the stories it started. */
  retentionDays?: number;
  /** This source's own `output.retention.maxStoriesPerFeed`. */
  maxStories?: number;
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
  /** When the source is next due (ISO time), set by the schedule after every poll or push. */
  nextPollAt?: string;
  /** HTTP status of the last exchange (200, 304, 429…); absent after a transport error. */
  lastStatus?: number;
  /** Digest of the last body parsed: an identical body (no validators sent) is not parsed again. */
  bodyHash?: string;
  /** The publisher's floor on the interval, from <ttl>, Cache-Control max-age or Expires. */
  publisherMinMinutes?: number;
  /** RSS 2.0 <ttl> of the last document parsed, kept for the polls that read no document (304, same body). */
  ttlMinutes?: number;
  /** RSS 2.0 skipHours (0–23, GMT) and skipDays ("Monday"…) of the last document. */
  skipHours?: number[];
  skipDays?: string[];
  /** Until when this source's host asked every client to wait (429/503 Retry-After). */
  hostRetryAfterUntil?: string;
  /** 410 Gone: the source is not polled again until its config URL differs from `url`. */
  retired?: { at: string; url: string; status: number };
  /** A 301/308 seen on consecutive polls; after 3 the target becomes `movedTo`. */
  redirect?: { to: string; polls: number };
  /** The URL polled instead of the configured one after 3 consecutive permanent redirects. */
  movedTo?: string;
  /** The configured URL that movedTo, redirect, retired and the validators were learnt for; another one drops them. */
  configUrl?: string;
  /** Publication times of the newest items (ISO, newest first, bounded): the adaptive interval's rate. */
  recentItems?: string[];
  /** WebSub subscription of this source's feed to its hub; the secret never leaves the store. */
  websub?: WebSubSubscription;
}

/** A WebSub subscription (W3C WebSub §5–§7) wirefeed holds for one source. */
export interface WebSubSubscription {
  hub: string;
  topic: string;
  /** HMAC key for X-Hub-Signature; never served. */
  secret: string;
  /** 'pending' until the hub's verification request is answered. */
  status: 'pending' | 'active' | 'denied';
  /** When the lease ends (ISO); renewed before then. */
  leaseUntil?: string;
  requestedAt: string;
  /** Requests sent in a row without an active subscription: the retry backoff after a denial grows with it. */
  attempts?: number;
  /** Why the hub denied the subscription or refused the request, as it said. */
  reason?: string;
}
