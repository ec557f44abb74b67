import { QueryError, StoreError, type Story } from '../domain/index.ts';

/** One entry of a listing index: a story id and its score (published time in ms). */
export interface IndexEntry {
  score: number;
  id: string;
}

/**
 * Orders ids the way Redis orders equal-score members: by UTF-8 bytes, which is code point order.
 * JavaScript's `<` compares UTF-16 units and would put U+FFFD above an emoji, unlike Redis.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Surrogates (astral code points) must rank above U+E000–U+FFFF.
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Listing order: newest published first, ties broken by id, descending (as Redis ZRANGE … REV). */
export function compareEntries(a: IndexEntry, b: IndexEntry): number {
  return b.score - a.score || compareIds(b.id, a.id);
}

/** The scores a story is indexed by; a date that does not parse is refused, not indexed at 0. */
export function storyScores(story: Story): { published: number; firstSeen: number } {
  const published = Date.parse(story.item.published);
  const firstSeen = Date.parse(story.firstSeen);
  if (Number.isNaN(published)) {
    throw new StoreError(`store: story ${story.id} has an unreadable published date "${story.item.published}"`);
  }
  if (Number.isNaN(firstSeen)) {
    throw new StoreError(`store: story ${story.id} has an unreadable firstSeen date "${story.firstSeen}"`);
  }
  return { published, firstSeen };
}

/** Refuses a page size that is not a positive integer. */
export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new QueryError(`store: list limit must be a positive integer, got ${limit}`);
  }
}
