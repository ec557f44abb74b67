import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StoreError } from '../domain/index.ts';
import type { Snapshot } from './memory-state.ts';

// Only what rebuilding the indexes relies on is checked; the rest of a story is carried as written.
const storySchema = z.looseObject({
  id: z.string(),
  firstSeen: z.string(),
  regions: z.array(z.string()),
  countries: z.array(z.string()),
  copies: z.array(z.looseObject({ itemId: z.string() })),
  item: z.looseObject({ id: z.string(), published: z.string() }),
});

const snapshotSchema = z.object({
  version: z.literal(1),
  stories: z.array(storySchema),
  identities: z.array(z.tuple([z.string(), z.string()])),
  sourceStates: z.array(z.looseObject({ sourceId: z.string() })),
  fingerprints: z.array(z.tuple([z.string(), z.array(z.string()), z.string(), z.number()])).optional(),
});

/** Reads a store file; undefined when there is none yet. A file that is not a store file is an error. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
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
    throw new StoreError(`store: ${file} is not valid JSON (${(error as Error).message}); fix or move it`, {
      cause: error,
    });
  }
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
    throw new StoreError(`store: ${file} is not a wirefeed store file (${where}); fix or move it`, {
      cause: parsed.error,
    });
  }
  return parsed.data as unknown as Snapshot;
}

/**
 * Replaces the store file atomically: a temp file in the same directory, fsynced, then renamed
 * over the old one, so a crash leaves either the old file or the new one, never half of either.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const text = JSON.stringify(snapshot);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new StoreError(`store: cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}
