import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
import { LEGACY_JSON_FILE, STORE_FILE, SqliteStore, openStore } from '../../src/store/index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-open-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('opens a SQLite store in a data directory it creates, importing a legacy JSON store found there', async () => {
  const dataDir = path.join(dir, 'data');
  const first = await openStore({ dataDir });
  expect(first).toBeInstanceOf(SqliteStore);
  expect((first as SqliteStore).file).toBe(path.join(dataDir, STORE_FILE));
  await first.close();

  const legacyDir = path.join(dir, 'legacy');
  await openStore({ dataDir: legacyDir }).then((store) => store.close());
  await rm(path.join(legacyDir, STORE_FILE));
  const state = { sourceId: 'tass', consecutiveFailures: 1, itemsSeen: 0 };
  await writeFile(path.join(legacyDir, LEGACY_JSON_FILE), JSON.stringify({ version: 1, stories: [], identities: [], sourceStates: [state] }));
  const imported = (await openStore({ dataDir: legacyDir })) as SqliteStore;
  expect(imported.importedFrom).toEqual({ file: path.join(legacyDir, LEGACY_JSON_FILE), stories: 0, sourceStates: 1 });
  expect(await imported.getSourceState('tass')).toEqual(state);
  await imported.close();
  expect((await readdir(legacyDir)).sort()).toEqual([`${LEGACY_JSON_FILE}.imported`, STORE_FILE]);
});

it('refuses a data directory it cannot create with a StoreError naming it', async () => {
  await writeFile(path.join(dir, 'plain'), 'a file');
  const dataDir = path.join(dir, 'plain', 'data');
  await expect(openStore({ dataDir })).rejects.toThrow(new StoreError(`store: cannot create data directory ${dataDir}`));
});
