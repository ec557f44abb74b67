import type { SourceState } from '../../domain/index.ts';
import type { FilingEntry, FilingOutcome, SourceFiling } from '../store.ts';
import type { Conn } from './connection.ts';
import { bumpFeeds, feedKeys } from './feeds.ts';
import { indexFingerprints, liveHolders } from './fingerprints.ts';
import { saveSourceState } from './source-states.ts';
import { claimKeys, findHolders } from './identities.ts';
import { appendCopy, insertStory } from './story-rows.ts';

const HOUR = 3_600_000;

// Thrown inside the transaction so that better-sqlite3 rolls it back; never leaves this file.
class Conflict extends Error {}

/** What the filing's checks read, in three statements, before anything is written. */
interface Stored {
  /** Holders of the entries' item and identity keys. */
  holders: Map<string, string>;
  /** Live holders of the new stories' band keys. */
  bandHolders: Map<string, string>;
  /** Which of the stories the entries name are stored. */
  stories: Set<string>;
}

/**
 * Files a source's poll in one write transaction (BEGIN IMMEDIATE, so what is checked cannot change
 * before it is written). Entries are checked in order, each against the stored state plus the
 * entries before it; the first conflict rolls everything back. Then each table is written in a few
 * statements for the whole filing, in entry order, so the first claim of a key still keeps it.
 */
export function fileSource(conn: Conn, filing: SourceFiling): FilingOutcome {
  const file = conn.db.transaction(() => {
    const now = filing.window.now.getTime();
    if (filing.entries.length > 0) {
      const conflict = firstConflict(filing.entries, readStored(conn, filing.entries, now));
      if (conflict) throw new Conflict(conflict);
      writeEntries(conn, filing.entries, now, now + filing.window.hours * HOUR);
    }
    saveSourceState(conn, filing.state, filing.keepSubscription);
  });
  try {
    file.immediate();
    return { filed: true };
  } catch (error) {
    if (error instanceof Conflict) return { filed: false, conflict: error.message };
    throw error;
  }
}

/** States of polls that brought no items, in one write transaction (see Store.fileStates). */
export function fileStates(conn: Conn, states: SourceState[]): void {
  conn.db
    .transaction(() => {
      for (const state of states) saveSourceState(conn, state, true);
    })
    .immediate();
}

function readStored(conn: Conn, entries: FilingEntry[], now: number): Stored {
  const keys = entries.flatMap((entry) => [entry.itemKey, ...entry.identityKeys]);
  const bands = entries.flatMap((entry) => (entry.kind === 'new' ? entry.fingerprint.bandKeys : []));
  const ids = entries.map((entry) => (entry.kind === 'new' ? entry.story.id : entry.storyId));
  const stored = conn.sql('SELECT id FROM stories WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as string[];
  return { holders: findHolders(conn, [...new Set(keys)]), bandHolders: liveHolders(conn, [...new Set(bands)], now), stories: new Set(stored) };
}

// The conflict rules of FilingOutcome, in its order. What earlier entries claim and file is laid over
// what was read; an earlier entry only ever takes a band key no live story held, so the band holders
// read stay what each entry would see.
function firstConflict(entries: FilingEntry[], stored: Stored): string | undefined {
  const claimed = new Map<string, string>();
  const filed = new Set<string>();
  const holderOf = (key: string) => claimed.get(key) ?? stored.holders.get(key);
  for (const [index, entry] of entries.entries()) {
    const conflict = conflictOf(entry, holderOf, (id) => stored.stories.has(id) || filed.has(id), stored.bandHolders);
    if (conflict) return `entry ${index} (${entry.itemKey}): ${conflict}`;
    const storyId = entry.kind === 'new' ? entry.story.id : entry.storyId;
    for (const key of [entry.itemKey, ...entry.identityKeys]) if (holderOf(key) === undefined) claimed.set(key, storyId);
    if (entry.kind === 'new') filed.add(storyId);
  }
  return undefined;
}

function conflictOf(
  entry: FilingEntry,
  holderOf: (key: string) => string | undefined,
  isStored: (id: string) => boolean,
  bandHolders: Map<string, string>,
): string | undefined {
  const itemHolder = holderOf(entry.itemKey);
  if (itemHolder !== undefined) return `the item is already filed, in story ${itemHolder}`;
  if (entry.kind === 'copy') return isStored(entry.storyId) ? undefined : `the copy's story ${entry.storyId} is not stored`;
  const { story, identityKeys, fingerprint, bandHolders: expectedHolders } = entry;
  if (isStored(story.id)) return `story ${story.id} is already stored`;
  for (const key of identityKeys) {
    const holder = holderOf(key);
    if (holder !== undefined && holder !== story.id) return `identity key ${key} is held by story ${holder}`;
  }
  for (const [i, key] of fingerprint.bandKeys.entries()) {
    const holder = bandHolders.get(key);
    const expected = expectedHolders[i] ?? null;
    if (holder !== undefined && holder !== expected) return `band key ${key} is held by story ${holder}, not ${expected ?? 'nobody'} as decided`;
  }
  return undefined;
}

// Stories first (claims and fingerprints refer to them), then every claim, then every fingerprint.
function writeEntries(conn: Conn, entries: FilingEntry[], now: number, expiresAt: number): void {
  const changed: string[] = [];
  const claims: [string, string][] = [];
  for (const entry of entries) {
    const storyId = entry.kind === 'new' ? entry.story.id : entry.storyId;
    if (entry.kind === 'new') {
      insertStory(conn, entry.story);
      changed.push(...feedKeys(entry.story));
    } else changed.push(...(appendCopy(conn, entry.storyId, entry.copy) ?? []));
    for (const key of [entry.itemKey, ...entry.identityKeys]) claims.push([storyId, key]);
  }
  claimKeys(conn, claims);
  const prints = entries.flatMap((entry) => (entry.kind === 'new' ? [{ storyId: entry.story.id, fingerprint: entry.fingerprint }] : []));
  indexFingerprints(conn, prints, now, expiresAt);
  bumpFeeds(conn, changed, now);
}
