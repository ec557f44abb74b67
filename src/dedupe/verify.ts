import type { Signature } from './fingerprint.ts';

/** How close two signatures are, each part as the shared fraction of the smaller side. */
export interface Closeness {
  lead: number;
  /** Shingles in the shorter lead: few shingles prove little. */
  leadSize: number;
  title: number;
  /** Undefined when one text ends with its lead, so there is nothing after it to compare. */
  rest: number | undefined;
}

/** What verification needs besides the two signatures. */
export interface VerifyRules {
  windowMinutes: number;
}

// Merging two stories is the worse error, so every threshold leans to keeping stories apart.
const LEAD_ALONE = 0.85;
const LEAD_WITH_TITLE = 0.6;
const TITLE_AGREES = 0.6;
const TITLE_SAME = 0.8;
const REST_AGREES = 0.5;
const SHORT_LEAD = 8;
const SAME_TEXT = 0.99;
// A sample of one or two shingles says more about where a copy was cut than about its text.
const MIN_REST = 3;

/** Shared fractions of lead shingles, headline words and later shingles. */
export function closeness(a: Signature, b: Signature): Closeness {
  const lead = overlap(a.lead, b.lead);
  const rest = Math.min(a.rest.length, b.rest.length) >= MIN_REST ? overlap(a.rest, b.rest).share : undefined;
  return { lead: lead.share, leadSize: lead.size, title: overlap(a.title, b.title).share, rest };
}

/**
 * True when `b` is another copy of `a`'s story: within the window, the same headline ticker, the
 * same dateline day (unless word for word a re-issue), the same text.
 */
export function isSameStory(a: Signature, b: Signature, rules: VerifyRules): boolean {
  if (Math.abs(a.minute - b.minute) > rules.windowMinutes) return false;
  // Templated reports (dividends, earnings tables) of two companies can share every word of their
  // body: the headline's ticker tells them apart. A copy that drops the ticker proves nothing.
  if (a.ticker !== 0 && b.ticker !== 0 && a.ticker !== b.ticker) return false;
  const c = closeness(a, b);
  // Datelines naming different days are a re-issue only when the text is the same to the word;
  // a daily report with new figures or a next-day follow-up differs somewhere in its lead. A copy
  // without a dateline (day 0) proves nothing either way.
  if (a.day !== 0 && b.day !== 0 && a.day !== b.day && (c.lead < SAME_TEXT || (c.rest !== undefined && c.rest < SAME_TEXT))) return false;
  if (c.rest !== undefined && c.rest < REST_AGREES) return false;
  const titleKnown = a.title.length > 0 && b.title.length > 0;
  if (c.leadSize < SHORT_LEAD) return c.lead >= 0.99 && (!titleKnown || c.title >= TITLE_SAME);
  if (c.lead >= LEAD_ALONE) return !titleKnown || c.title >= TITLE_AGREES;
  return c.lead >= LEAD_WITH_TITLE && c.title >= TITLE_SAME;
}

function overlap(a: number[], b: number[]): { share: number; size: number } {
  const small = new Set(a.length <= b.length ? a : b);
  const large = new Set(a.length <= b.length ? b : a);
  if (small.size === 0) return { share: 0, size: 0 };
  let shared = 0;
  for (const h of small) if (large.has(h)) shared += 1;
  return { share: shared / small.size, size: small.size };
}
