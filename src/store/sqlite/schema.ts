import { StoreError } from '../../domain/index.ts';
import type { Db } from './connection.ts';

/** One step of the schema: the SQL that takes a file from `version - 1` to `version`. */
interface Migration {
  version: number;
  sql: string;
}

// Listing tables are keyed (filter, published, story_id) so a page is a range scan of one primary key,
// newest first, with no sort. TEXT compares by memcmp of UTF-8, i.e. code point order, as compareIds.
// They are deleted from explicitly (prune knows each key); tables with a cheap key on the story cascade.
const V1 = `
CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  published INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  language TEXT,
  source_id TEXT NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX stories_by_published ON stories (published, id);
CREATE INDEX stories_by_first_seen ON stories (first_seen);
CREATE TABLE copies (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  link TEXT,
  published TEXT NOT NULL,
  PRIMARY KEY (story_id, position)
) WITHOUT ROWID;
CREATE TABLE story_regions (
  region TEXT NOT NULL, published INTEGER NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (region, published, story_id)
) WITHOUT ROWID;
CREATE TABLE story_countries (
  country TEXT NOT NULL, published INTEGER NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (country, published, story_id)
) WITHOUT ROWID;
CREATE TABLE story_sources (
  source_id TEXT NOT NULL, published INTEGER NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (source_id, published, story_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE story_words USING fts5 (words, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');
CREATE TABLE identities (
  key BLOB PRIMARY KEY,
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX identities_by_story ON identities (story_id);
CREATE TABLE fingerprints (
  story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  signature BLOB NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX fingerprints_by_expiry ON fingerprints (expires_at);
CREATE TABLE band_holders (
  band_key TEXT PRIMARY KEY,
  story_id TEXT NOT NULL REFERENCES fingerprints (story_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX band_holders_by_story ON band_holders (story_id);
CREATE TABLE source_states (source_id TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE feed_versions (feed TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
`;

// Times the processes sharing the file note for each other (`polled`: a worker's last completed poll).
const V2 = `CREATE TABLE marks (name TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;`;

// A state's change sequence, so a scheduler reads the states filed since it last looked (sourceStatesSince).
const V3 = `
ALTER TABLE source_states ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX source_states_changed ON source_states (changed);
`;

// What each source started, oldest first, for the per-source retention (pruneSources).
const V4 = `CREATE INDEX stories_by_source ON stories (source_id, first_seen, id);`;

/** Every schema step, in order; a file records the last it has in `PRAGMA user_version`. */
const MIGRATIONS: Migration[] = [
  { version: 1, sql: V1 },
  { version: 2, sql: V2 },
  { version: 3, sql: V3 },
  { version: 4, sql: V4 },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings a file's schema up to SCHEMA_VERSION, one transaction per step; a newer file is refused. */
export function migrate(db: Db, file: string): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const found = version();
  if (found > SCHEMA_VERSION) {
    throw new StoreError(
      `store: ${file} has schema version ${found}, newer than this wirefeed knows (${SCHEMA_VERSION}): ` +
        'upgrade wirefeed, or point it at another data directory',
    );
  }
  for (const migration of MIGRATIONS) {
    if (version() >= migration.version) continue;
    // Re-read inside the write lock: another process opening the same new file may have migrated it.
    db.transaction(() => {
      if (version() >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
