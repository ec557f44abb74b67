import type { RawEntry } from '../parse/index.ts';
import { parseFeedDate } from './parse-date.ts';

/** The entries of a document that are read, and what was said about the others. */
export interface CappedEntries {
  entries: RawEntry[];
  warnings: string[];
}

/**
 * At most `max` entries of one document (fetch.maxItemsPerFeed): the newest dated ones first, then
 * undated ones in document order. The kept entries stay in document order; the rest are dropped with
 * a warning, so a runaway feed cannot flood the store. Costs nothing for a document within the cap.
 */
export function newestEntries(entries: RawEntry[], max: number): CappedEntries {
  if (entries.length <= max) return { entries, warnings: [] };
  const ranked = entries.map((entry, position) => ({ position, time: (parseFeedDate(entry.published) ?? parseFeedDate(entry.updated))?.getTime() }));
  // Dated before undated, newer before older; equal ranks keep document order (a stable sort).
  ranked.sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity) || a.position - b.position);
  const kept = new Set(ranked.slice(0, max).map((rank) => rank.position));
  const dropped = entries.length - max;
  return {
    entries: entries.filter((_, position) => kept.has(position)),
    warnings: [`normalize: read the newest ${max} of ${entries.length} entries, dropped ${dropped} (fetch.maxItemsPerFeed)`],
  };
}
