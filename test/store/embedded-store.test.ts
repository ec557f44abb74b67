import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
import { EMBEDDED_FILE, EmbeddedStore, openStore } from '../../src/store/index.ts';
import { describeStoreContract } from './contract.ts';
import { makeCopy, makeStory } from './make-story.ts';

describeStoreContract('EmbeddedStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-store-'));
  const store = await EmbeddedStore.open(path.join(dir, EMBEDDED_FILE));
  return {
    store,
    cleanup: async () => {
      await store.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('EmbeddedStore.inMemory', async () => ({ store: EmbeddedStore.inMemory(), cleanup: async () => {} }));

describe('EmbeddedStore persistence', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-store-'));
    file = path.join(dir, EMBEDDED_FILE);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every story, identity, copy and source state across a reopen', async () => {
    const store = await EmbeddedStore.open(file);
    const stories = Array.from({ length: 30 }, (_, i) => makeStory({ id: `s${i}`, published: `2026-02-0${1 + (i % 5)}T00:00:00Z` }));
    for (const story of stories) await store.saveStory(story, [`url:${story.id}`]);
    await store.addCopy('s3', makeCopy('c'), ['url:c']);
    await store.saveSourceState({ sourceId: 'tass', consecutiveFailures: 1, itemsSeen: 30, etag: '"e"' });
    await store.close();

    const reopened = await EmbeddedStore.open(file);
    expect(await reopened.stats()).toEqual({ stories: 30 });
    expect(await reopened.getStory('s3')).toEqual({ ...stories[3], copies: [makeCopy('c')] });
    expect(await reopened.findByIdentity(['url:c'])).toBe('s3');
    expect(await reopened.getSourceState('tass')).toEqual({ sourceId: 'tass', consecutiveFailures: 1, itemsSeen: 30, etag: '"e"' });
    const listed = (await reopened.listRegion('world', { limit: 100 })).stories.map((s) => s.id);
    expect(listed).toHaveLength(30);
    expect(listed.slice(0, 6)).toEqual(['s9', 's4', 's29', 's24', 's19', 's14']);
    await reopened.close();
  });

  it('coalesces a burst of changes into one write after the delay, leaving no temp files', async () => {
    vi.useFakeTimers();
    const store = await EmbeddedStore.open(file, { flushDelayMs: 1000 });
    for (let i = 0; i < 20; i++) await store.saveStory(makeStory({ id: `s${i}` }), []);
    expect(await readdir(dir)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    await store.flush();
    expect(await readdir(dir)).toEqual([EMBEDDED_FILE]);
    expect(JSON.parse(await readFile(file, 'utf8')).stories).toHaveLength(20);
    await store.close();
  });

  it('writes pending changes on close', async () => {
    const store = await EmbeddedStore.open(file, { flushDelayMs: 60_000 });
    await store.saveStory(makeStory({ id: 'a' }), ['url:a']);
    expect(await readdir(dir)).toEqual([]);
    await store.close();
    expect(await readdir(dir)).toEqual([EMBEDDED_FILE]);
    expect(await (await EmbeddedStore.open(file)).getStory('a')).toEqual(makeStory({ id: 'a' }));
  });

  it('refuses a corrupt file with a StoreError naming it', async () => {
    await writeFile(file, '{"version":1,"stories":[');
    await expect(EmbeddedStore.open(file)).rejects.toThrow(StoreError);
    await expect(EmbeddedStore.open(file)).rejects.toThrow(`store: ${file} is not valid JSON`);
    await writeFile(file, JSON.stringify({ version: 1, stories: [{ id: 'a' }], identities: [], sourceStates: [] }));
    await expect(EmbeddedStore.open(file)).rejects.toThrow(`store: ${file} is not a wirefeed store file (stories.0.firstSeen:`);
    const twice = { version: 1, stories: [makeStory({ id: 'a' }), makeStory({ id: 'a' })], identities: [], sourceStates: [] };
    await writeFile(file, JSON.stringify(twice));
    await expect(EmbeddedStore.open(file)).rejects.toThrow(`store: ${file} cannot be loaded: store: story a already exists`);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(twice);
  });

  it('reports a failed write from the next change and from close', async () => {
    const store = await EmbeddedStore.open(path.join(dir, 'missing-dir', EMBEDDED_FILE), { flushDelayMs: 60_000 });
    await store.saveStory(makeStory({ id: 'a' }), []);
    await expect(store.flush()).rejects.toThrow(/^store: cannot write .*missing-dir/);
    await expect(store.close()).rejects.toThrow(StoreError);
  });

  it('opens the embedded store under a data directory it creates when no Redis URL is given', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const store = await openStore({ dataDir });
    expect(store).toBeInstanceOf(EmbeddedStore);
    await store.saveStory(makeStory({ id: 'a' }), []);
    await store.close();
    expect(await readdir(dataDir)).toEqual([EMBEDDED_FILE]);
  });
});
