import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { EMBEDDED_FILE, EmbeddedStore } from '../../src/store/index.ts';
import { makeStory } from './make-story.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('keeps the fingerprint index across a reopen', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-fp-'));
  const file = path.join(dir, EMBEDDED_FILE);
  const window = { now: new Date('2026-02-07T10:00:00Z'), hours: 72 };
  const store = await EmbeddedStore.open(file);
  await store.saveStory(makeStory({ id: 'a' }), []);
  await store.indexFingerprints([{ storyId: 'a', bandKeys: ['k1', 'k2'], signature: Uint8Array.from([9, 8, 7]) }], window);
  await store.close();
  const reopened = await EmbeddedStore.open(file);
  expect(await reopened.findCandidates(['k2'], window)).toEqual([{ storyId: 'a', signature: Uint8Array.from([9, 8, 7]), bandKeys: ['k2'] }]);
  await reopened.close();
});
