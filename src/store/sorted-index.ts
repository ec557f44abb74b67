import { compareEntries, type IndexEntry } from './story-order.ts';

/** An in-memory listing index kept in listing order (newest first) by binary insertion. */
export class SortedIndex {
  private readonly entries: IndexEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** Adds an entry at its place in listing order. */
  insert(entry: IndexEntry): void {
    this.entries.splice(this.firstAfter(entry, true), 0, entry);
  }

  /** Removes the entry with exactly this score and id, if present. */
  remove(entry: IndexEntry): void {
    const at = this.firstAfter(entry, true);
    const found = this.entries[at];
    if (found && found.id === entry.id && found.score === entry.score) this.entries.splice(at, 1);
  }

  /** Up to `count` entries that come after `cursor` in listing order (from the start without one). */
  after(cursor: IndexEntry | undefined, count: number): IndexEntry[] {
    const start = cursor ? this.firstAfter(cursor, false) : 0;
    return this.entries.slice(start, start + count);
  }

  /** Removes and returns every entry whose score is below `score` (they sit at the end). */
  takeBelow(score: number): IndexEntry[] {
    let at = this.entries.length;
    while (at > 0 && (this.entries[at - 1] as IndexEntry).score < score) at--;
    return this.entries.splice(at);
  }

  // Index of the first entry ordered after `entry` (or at it, when `inclusive`).
  private firstAfter(entry: IndexEntry, inclusive: boolean): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const order = compareEntries(this.entries[mid] as IndexEntry, entry);
      if (order < 0 || (order === 0 && !inclusive)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
