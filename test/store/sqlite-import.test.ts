import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, type Story } from '../../src/domain/index.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { NOW, WINDOW_HOURS, hoursLater } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

const JSON_FILE = 'wirefeed-store.json';
const STORE_FILE = 'wirefeed.sqlite';

// A story as the JSON store wrote it: its item still carried the plain text.
function legacyStory(story: Story): unknown {
  return { ...story, item: { ...story.item, text: 'GENEVA, February 7. Delegations met.' } };
}

const a = { ...makeStory({ id: 'a' }), copies: [makeCopy('c1', 'reuters'), makeCopy('c2', 'ap')] };
const b = makeStory({ id: 'b', regions: ['asia'], countries: ['JP'] });
const legacy = {
  version: 1,
  stories: [legacyStory(a), legacyStory(b)],
  identities: [
    ['item:a', 'a'],
    ['url:https://tass.com/world/a', 'a'],
    ['item:c1', 'a'],
    ['item:b', 'b'],
    ['url:gone', 'pruned-long-ago'],
  ],
  sourceStates: [{ sourceId: 'tass', etag: '"v1"', consecutiveFailures: 0, itemsSeen: 2 }],
  fingerprints: [
    ['a', ['k1', 'k2'], Buffer.of(1, 2, 3).toString('base64'), hoursLater(1).getTime()],
    ['b', ['k3'], Buffer.of(4).toString('base64'), hoursLater(-1).getTime()],
  ],
};

describe('SqliteStore importing the legacy JSON store', () => {
  let dir: string;
  let json: string;
  let file: string;
  const opened: SqliteStore[] = [];
  const open = async () => {
    const store = await SqliteStore.open(file, { legacyJson: json });
    opened.push(store);
    return store;
  };
  // The data directory without SQLite's own -wal and -shm files.
  const names = async () => (await readdir(dir)).filter((name) => !/-(wal|shm)$/.test(name)).sort();
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-import-'));
    json = path.join(dir, JSON_FILE);
    file = path.join(dir, STORE_FILE);
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports stories with their copies, identity keys, states and live fingerprints once, then renames the JSON', async () => {
    await writeFile(json, JSON.stringify(legacy));
    await writeFile(path.join(dir, `.${JSON_FILE}.1f2e3d.tmp`), '{"half": ');
    const store = await open();
    expect(store.importedFrom).toEqual({ file: json, stories: 2, sourceStates: 1 });
    expect(await store.getStory('a')).toEqual(a);
    expect(await store.getStory('b')).toEqual(b);
    expect(await store.findHolders(['item:a', 'url:https://tass.com/world/a', 'item:c1', 'item:b', 'url:gone'])).toEqual(
      new Map([
        ['item:a', 'a'],
        ['url:https://tass.com/world/a', 'a'],
        ['item:c1', 'a'],
        ['item:b', 'b'],
      ]),
    );
    expect(await store.listSourceStates()).toEqual(legacy.sourceStates);
    expect(await store.findCandidates(['k3', 'k2', 'k1'], { now: NOW, hours: WINDOW_HOURS })).toEqual([
      { storyId: 'a', signature: Uint8Array.of(1, 2, 3), bandKeys: ['k2', 'k1'] },
    ]);
    expect((await store.listStories({ limit: 10, q: 'geneva' })).stories.map((story) => story.id)).toEqual(['b', 'a']);
    expect((await store.listStories({ limit: 10, source: 'ap' })).stories.map((story) => story.id)).toEqual(['a']);
    const [all, asia] = await store.feedVersions([{ kind: 'all' }, { kind: 'region', id: 'asia' }]);
    expect(all?.version).toBeGreaterThan(0);
    expect(asia?.version).toBeGreaterThan(0);
    expect(await names()).toEqual([`${JSON_FILE}.imported`, STORE_FILE]);

    await store.close();
    const again = await open();
    expect(again.importedFrom).toBeUndefined();
    expect((await again.stats()).stories).toBe(2);
  });

  it('leaves a JSON file alone once the SQLite store exists', async () => {
    await (await open()).close();
    await writeFile(json, JSON.stringify(legacy));
    const store = await open();
    expect(store.importedFrom).toBeUndefined();
    expect((await store.stats()).stories).toBe(0);
    expect(await names()).toEqual([JSON_FILE, STORE_FILE]);
  });

  for (const [what, text, message] of [
    ['a JSON file that is not a store file', '{"hello": "world"}', `store: ${'FILE'} is not a wirefeed store file (version: `],
    ['a file that is not JSON', 'version: 1', `store: ${'FILE'} is not valid JSON (`],
  ] as const) {
    it(`refuses ${what}, naming it and how to fix it, and creates no store`, async () => {
      await writeFile(json, text);
      const opening = SqliteStore.open(file, { legacyJson: json });
      await expect(opening).rejects.toThrow(StoreError);
      await expect(opening).rejects.toThrow(message.replace('FILE', json));
      await expect(opening).rejects.toThrow(/; move it away or fix it$/);
      expect(await names()).toEqual([JSON_FILE]);
    });
  }

  it('refuses a store file whose story cannot be stored, leaving no half-imported store behind', async () => {
    const bad = makeStory({ id: 'bad', published: 'yesterday' });
    await writeFile(json, JSON.stringify({ ...legacy, stories: [legacyStory(a), legacyStory(bad)] }));
    await expect(SqliteStore.open(file, { legacyJson: json })).rejects.toThrow(
      `store: importing ${json} failed: story bad has an unreadable published date "yesterday"; move it away or fix it`,
    );
    expect(await readdir(dir)).toEqual([JSON_FILE]);
  });

  it('removes temporary files an old crashed write left, with no JSON to import', async () => {
    await writeFile(path.join(dir, `.${JSON_FILE}.0a0b0c.tmp`), '{');
    await writeFile(path.join(dir, 'notes.tmp'), 'not ours');
    const store = await open();
    expect(store.importedFrom).toBeUndefined();
    expect(await names()).toEqual(['notes.tmp', STORE_FILE]);
  });
});
