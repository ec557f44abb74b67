import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
// The store's own files, not the stage's index: these tests must not need Redis's modules.
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema.ts';
import { describeStoreContract } from './contract.ts';
import { NOW, WINDOW_HOURS, filing, newEntry, sourceState } from './filings.ts';
import { makeStory } from './make-story.ts';

const STORE_FILE = 'wirefeed.sqlite';
const SQLITE_STORE_MODULE = new URL('../../src/store/sqlite/sqlite-store.ts', import.meta.url).pathname;

// Opens the store module's argv[1] on the file argv[2] and prints the outcome.
const OPEN_AND_REPORT =
  'const { SqliteStore } = await import(process.argv[1]);' +
  'await SqliteStore.open(process.argv[2]).then(() => console.log("opened"), (error) => console.log(`${error.name}: ${error.message}`));';

describeStoreContract('SqliteStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-sqlite-'));
  const store = await SqliteStore.open(path.join(dir, STORE_FILE));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore on a file', () => {
  let dir: string;
  let file: string;
  const opened: SqliteStore[] = [];
  const open = async (options = {}) => {
    const store = await SqliteStore.open(file, options);
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-sqlite-'));
    file = path.join(dir, STORE_FILE);
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes ahead to a log, and a fresh file gets the current schema version', async () => {
    await open();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it('refuses a file with a newer schema than it knows, naming the file and the versions', async () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const opening = SqliteStore.open(file);
    await expect(opening).rejects.toThrow(StoreError);
    await expect(opening).rejects.toThrow(`store: ${file} has schema version ${SCHEMA_VERSION + 1}, newer than this wirefeed knows (${SCHEMA_VERSION})`);
  });

  it('keeps what it filed when reopened', async () => {
    const first = await open();
    await first.fileSource(filing([newEntry(makeStory({ id: 'a' }), { identityKeys: ['url:a'] })]));
    await first.close();
    const again = await open();
    expect(await again.getStory('a')).toEqual(makeStory({ id: 'a' }));
    expect(await again.findHolders(['url:a'])).toEqual(new Map([['url:a', 'a']]));
    expect((await again.stats()).bytes).toBeGreaterThan(0);
  });

  it('lets two connections to one file see each other, and refuses a decision made before the other filed', async () => {
    const worker = await open();
    const other = await open();
    await worker.fileSource(filing([newEntry(makeStory({ id: 'a' }), { identityKeys: ['url:a'], bandKeys: ['b1'] })]));
    expect(await other.getStory('a')).toEqual(makeStory({ id: 'a' }));
    // `other` decides against what it read, then `worker` files the same URL and a near copy first.
    const window = { now: NOW, hours: WINDOW_HOURS };
    expect(await other.findHolders(['url:x'])).toEqual(new Map());
    expect(await other.findCandidates(['b2'], window)).toEqual([]);
    await worker.fileSource(filing([newEntry(makeStory({ id: 'x' }), { identityKeys: ['url:x'], bandKeys: ['b2'] })]));
    const sameUrl = filing([newEntry(makeStory({ id: 'y' }), { identityKeys: ['url:x'] })], { state: sourceState('ap', 1) });
    expect(await other.fileSource(sameUrl)).toEqual({ filed: false, conflict: 'entry 0 (item:y): identity key url:x is held by story x' });
    const nearCopy = filing([newEntry(makeStory({ id: 'z' }), { bandKeys: ['b2'] })], { state: sourceState('ap', 1) });
    expect(await other.fileSource(nearCopy)).toEqual({
      filed: false,
      conflict: 'entry 0 (item:z): band key b2 is held by story x, not nobody as decided',
    });
    expect(await worker.getSourceState('ap')).toBeUndefined();
    expect((await worker.stats()).stories).toBe(2);
  });

  it('fails a write with a StoreError when another process holds the write lock too long', async () => {
    const store = await open({ busyTimeoutMs: 50 });
    const raw = new Database(file);
    raw.exec('BEGIN IMMEDIATE');
    try {
      await expect(store.fileSource(filing([newEntry(makeStory({ id: 'a' }))]))).rejects.toThrow('store: filing source tass failed: database is locked');
    } finally {
      raw.exec('ROLLBACK');
      raw.close();
    }
    expect(await store.getStory('a')).toBeUndefined();
  });

  it('refuses with a StoreError naming the file a path it cannot create, and a file that is no database', async () => {
    await writeFile(path.join(dir, 'plain'), 'a file, not a directory');
    const unwritable = path.join(dir, 'plain', STORE_FILE);
    await expect(SqliteStore.open(unwritable)).rejects.toThrow(`store: opening ${unwritable} failed: `);
    await writeFile(file, 'x'.repeat(4096));
    await expect(SqliteStore.open(file)).rejects.toThrow(`store: opening ${file} failed: file is not a database`);
  });

  it('refuses a directory it may not write, new or holding a store, with a StoreError naming the file', async () => {
    await (await open()).close();
    const childTmp = path.join(dir, 'tmp');
    await mkdir(childTmp);
    await chmod(dir, 0o555);
    // Root may write anywhere: as root, the child that opens the store runs without the capabilities
    // that override file permissions (util-linux setpriv), so the directory's mode applies to it too.
    const asRoot = process.getuid?.() === 0;
    const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', OPEN_AND_REPORT, SQLITE_STORE_MODULE];
    const command = asRoot ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', ...node] : node;
    const openInChild = (target: string) =>
      spawnSync(command[0] as string, [...command.slice(1), target], { encoding: 'utf8', env: { ...process.env, TMPDIR: childTmp } }).stdout;
    try {
      for (const target of [path.join(dir, 'new.sqlite'), file]) {
        expect(openInChild(target)).toMatch(`StoreError: store: opening ${target} failed: `);
      }
    } finally {
      await chmod(dir, 0o755);
    }
  });

  it('throws "the embedded store is closed" after close, which may be called twice', async () => {
    const store = await open();
    await store.close();
    await store.close();
    await expect(store.getStory('a')).rejects.toThrow(new StoreError('store: the embedded store is closed'));
  });
});

describe('SqliteStore.inMemory', () => {
  it('files and lists without a file', async () => {
    const store = SqliteStore.inMemory();
    await store.fileSource(filing([newEntry(makeStory({ id: 'a' }))]));
    expect((await store.listStories({ limit: 5 })).stories.map((story) => story.id)).toEqual(['a']);
    expect(await store.stats()).toEqual({ stories: 1, bytes: expect.any(Number) });
    await store.close();
  });
});
