import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StoreError, type SourceState, type Story } from '../../domain/index.ts';
import { openConnection, type Conn } from './connection.ts';
import { bumpFeeds, feedKeys } from './feeds.ts';
import { indexFingerprints } from './fingerprints.ts';
import { saveSourceState } from './source-states.ts';
import { claimKeys } from './identities.ts';
import { insertStory } from './story-rows.ts';

// The file the embedded store wrote before SQLite. Only what the import relies on is checked; the
// rest of a story is carried as written.
const storySchema = z.looseObject({
  id: z.string(),
  firstSeen: z.string(),
  regions: z.array(z.string()),
  countries: z.array(z.string()),
  copies: z.array(z.looseObject({ itemId: z.string(), sourceId: z.string(), published: z.string() })),
  item: z.looseObject({ id: z.string(), sourceId: z.string(), published: z.string(), title: z.string(), summary: z.string() }),
});
const snapshotSchema = z.object({
  version: z.literal(1),
  stories: z.array(storySchema),
  identities: z.array(z.tuple([z.string(), z.string()])),
  sourceStates: z.array(z.looseObject({ sourceId: z.string() })),
  fingerprints: z.array(z.tuple([z.string(), z.array(z.string()), z.string(), z.number()])).optional(),
});
type Snapshot = z.infer<typeof snapshotSchema>;

/** What was brought in from a legacy JSON store file. */
export interface LegacyImport {
  file: string;
  stories: number;
  sourceStates: number;
}

/**
 * Imports the legacy JSON store into `file`, which must not exist yet, then renames the JSON to
 * `*.imported`. The import is built in a temporary file and linked into place, so a failed import
 * leaves no half-filled store, and two processes starting at once cannot both install one.
 */
export async function importLegacyJson(jsonFile: string, file: string, busyTimeoutMs: number): Promise<LegacyImport | undefined> {
  await removeLeftoverTemps(jsonFile);
  if (existsSync(file)) return undefined;
  const snapshot = await readSnapshot(jsonFile);
  if (!snapshot) return undefined;
  const temp = `${file}.${randomBytes(6).toString('hex')}.importing`;
  try {
    const conn = openConnection(temp, busyTimeoutMs);
    try {
      conn.db.transaction(() => writeSnapshot(conn, snapshot, Date.now())).immediate();
    } catch (error) {
      const reason = (error as Error).message.replace(/^store: /, '');
      throw new StoreError(`store: importing ${jsonFile} failed: ${reason}; move it away or fix it`, { cause: error });
    } finally {
      conn.db.close();
    }
    await link(temp, file);
    await rename(jsonFile, `${jsonFile}.imported`);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    // Another process installed its import first: the store is there, and it renames the JSON.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new StoreError(`store: importing ${jsonFile} into ${file} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(temp + suffix, { force: true })));
  }
  return { file: jsonFile, stories: snapshot.stories.length, sourceStates: snapshot.sourceStates.length };
}

function writeSnapshot(conn: Conn, snapshot: Snapshot, now: number): void {
  const imported = new Set<string>();
  const changed: string[] = [];
  for (const written of snapshot.stories) {
    // Stories kept the item's plain text then; a StoryItem no longer carries it.
    const { text: _text, ...item } = written.item;
    const story = { ...written, item } as unknown as Story;
    insertStory(conn, story);
    imported.add(story.id);
    changed.push(...feedKeys(story));
  }
  bumpFeeds(conn, changed, now);
  claimKeys(
    conn,
    snapshot.identities.flatMap(([key, storyId]) => (imported.has(storyId) ? [[storyId, key] as [string, string]] : [])),
  );
  for (const [storyId, bandKeys, signature, expiresAt] of snapshot.fingerprints ?? []) {
    if (!imported.has(storyId) || expiresAt <= now) continue;
    indexFingerprints(conn, [{ storyId, fingerprint: { bandKeys, signature: Buffer.from(signature, 'base64') } }], now, expiresAt);
  }
  for (const state of snapshot.sourceStates) saveSourceState(conn, state as unknown as SourceState);
}

// The old store wrote `.<name>.<random>.tmp` beside its file and renamed it; a crash left it behind.
async function removeLeftoverTemps(jsonFile: string): Promise<void> {
  const dir = path.dirname(jsonFile);
  const prefix = `.${path.basename(jsonFile)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StoreError(`store: cannot read ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const temps = names.filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'));
  await Promise.all(temps.map((name) => rm(path.join(dir, name), { force: true })));
}

/** Reads the legacy store file; undefined when there is none. A file that is not one is an error. */
async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`store: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StoreError(`store: ${file} is not valid JSON (${(error as Error).message}); move it away or fix it`, { cause: error });
  }
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
    throw new StoreError(`store: ${file} is not a wirefeed store file (${where}); move it away or fix it`, { cause: parsed.error });
  }
  return parsed.data;
}
