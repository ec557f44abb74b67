import type { FilingEntry, FilingOutcome, SourceFiling } from '../store.ts';
import type { Conn } from './connection.ts';
import { bumpFeeds, feedKeys } from './feeds.ts';
import { indexFingerprint, liveHolder } from './fingerprints.ts';
import { saveSourceState, withStoredSubscription } from './source-states.ts';
import { claimKeys, holderOf } from './identities.ts';
import { appendCopy, insertStory } from './story-rows.ts';

const HOUR = 3_600_000;

// Thrown inside the transaction so that better-sqlite3 rolls it back; never leaves this file.
class Conflict extends Error {}

/**
 * Files a source's poll in one write transaction (BEGIN IMMEDIATE, so what is checked cannot change
 * before it is written). Entries are checked and applied in order, so each is checked against the
 * stored state plus the entries before it; the first conflict rolls everything back.
 */
export function fileSource(conn: Conn, filing: SourceFiling): FilingOutcome {
  const file = conn.db.transaction(() => {
    const now = filing.window.now.getTime();
    const expiresAt = now + filing.window.hours * HOUR;
    const filed = new Set<string>();
    const changed: string[] = [];
    filing.entries.forEach((entry, index) => {
      const conflict = conflictOf(conn, entry, filed, now);
      if (conflict) throw new Conflict(`entry ${index} (${entry.itemKey}): ${conflict}`);
      if (entry.kind === 'new') {
        insertStory(conn, entry.story);
        claimKeys(conn, entry.story.id, [entry.itemKey, ...entry.identityKeys]);
        indexFingerprint(conn, entry.story.id, entry.fingerprint, now, expiresAt);
        filed.add(entry.story.id);
        changed.push(...feedKeys(entry.story));
      } else {
        changed.push(...(appendCopy(conn, entry.storyId, entry.copy) ?? []));
        claimKeys(conn, entry.storyId, [entry.itemKey, ...entry.identityKeys]);
      }
    });
    saveSourceState(conn, filing.keepSubscription ? withStoredSubscription(conn, filing.state) : filing.state);
    bumpFeeds(conn, changed, now);
  });
  try {
    file.immediate();
    return { filed: true };
  } catch (error) {
    if (error instanceof Conflict) return { filed: false, conflict: error.message };
    throw error;
  }
}

// The conflict rules of FilingOutcome, in its order; `filed` are the new stories of this filing so far.
function conflictOf(conn: Conn, entry: FilingEntry, filed: Set<string>, now: number): string | undefined {
  const itemHolder = holderOf(conn, entry.itemKey);
  if (itemHolder !== undefined) return `the item is already filed, in story ${itemHolder}`;
  if (entry.kind === 'copy') {
    return isStored(conn, entry.storyId) ? undefined : `the copy's story ${entry.storyId} is not stored`;
  }
  const { story, identityKeys, fingerprint, bandHolders } = entry;
  if (isStored(conn, story.id)) return `story ${story.id} is already stored`;
  for (const key of identityKeys) {
    const holder = holderOf(conn, key);
    if (holder !== undefined && holder !== story.id) return `identity key ${key} is held by story ${holder}`;
  }
  for (const [i, key] of fingerprint.bandKeys.entries()) {
    const holder = liveHolder(conn, key, now);
    const expected = bandHolders[i] ?? null;
    if (holder !== undefined && holder !== expected && !filed.has(holder)) {
      return `band key ${key} is held by story ${holder}, not ${expected ?? 'nobody'} as decided`;
    }
  }
  return undefined;
}

function isStored(conn: Conn, storyId: string): boolean {
  return conn.sql('SELECT 1 FROM stories WHERE id = ?').pluck().get(storyId) !== undefined;
}
