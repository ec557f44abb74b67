import type { FingerprintCandidate, FingerprintEntry, FingerprintWindow } from './store.ts';

/** How a fingerprint index entry is written to the store file. */
export type FingerprintRecord = [storyId: string, bandKeys: string[], signature: string, expiresAt: number];

interface Indexed {
  bandKeys: string[];
  signature: Uint8Array;
  expiresAt: number;
}

const HOUR = 3_600_000;

/** The near-duplicate index in process memory: band key → story, story → signature, expiring. */
export class FingerprintIndex {
  private readonly bands = new Map<string, string>();
  private readonly entries = new Map<string, Indexed>();
  private sweptAt = 0;

  /** Rebuilds the index from the records of a store file. */
  load(records: FingerprintRecord[]): void {
    for (const [storyId, bandKeys, signature, expiresAt] of records) {
      this.put({ storyId, bandKeys, signature: Buffer.from(signature, 'base64') }, expiresAt, 0);
    }
  }

  /** The live entries, for the store file. */
  toRecords(): FingerprintRecord[] {
    return [...this.entries].map(([id, e]) => [id, e.bandKeys, Buffer.from(e.signature).toString('base64'), e.expiresAt]);
  }

  /** Indexes the entries in order until `window.now` + `window.hours`. */
  add(entries: FingerprintEntry[], window: FingerprintWindow): void {
    const now = window.now.getTime();
    for (const entry of entries) this.put(entry, now + window.hours * HOUR, now);
    // Sweeping when the index has doubled keeps the cost per add constant.
    if (this.entries.size >= 2 * this.sweptAt + 1024) this.sweep(now);
  }

  /** Live entries under any of the band keys whose story `exists`, each once with the keys it holds. */
  find(bandKeys: string[], window: FingerprintWindow, exists: (storyId: string) => boolean): FingerprintCandidate[] {
    const now = window.now.getTime();
    const found = new Map<string, FingerprintCandidate>();
    for (const key of new Set(bandKeys)) {
      const storyId = this.bands.get(key);
      const entry = storyId === undefined ? undefined : this.entries.get(storyId);
      if (storyId === undefined || !entry || entry.expiresAt <= now) continue;
      const candidate = found.get(storyId);
      if (candidate) candidate.bandKeys.push(key);
      else if (exists(storyId)) found.set(storyId, { storyId, signature: Uint8Array.from(entry.signature), bandKeys: [key] });
    }
    return [...found.values()];
  }

  // A band key held by a live story stays with it: the earlier story is the one copies belong to.
  private put(entry: FingerprintEntry, expiresAt: number, now: number): void {
    this.entries.set(entry.storyId, { bandKeys: [...entry.bandKeys], signature: Uint8Array.from(entry.signature), expiresAt });
    for (const key of entry.bandKeys) {
      const holder = this.bands.get(key);
      const held = holder !== undefined && holder !== entry.storyId && (this.entries.get(holder)?.expiresAt ?? 0) > now;
      if (!held) this.bands.set(key, entry.storyId);
    }
  }

  private sweep(now: number): void {
    for (const [storyId, entry] of this.entries) {
      if (entry.expiresAt > now) continue;
      this.entries.delete(storyId);
      for (const key of entry.bandKeys) if (this.bands.get(key) === storyId) this.bands.delete(key);
    }
    this.sweptAt = this.entries.size;
  }
}
