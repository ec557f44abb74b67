import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
import type { FeedRef, FeedVersion } from '../../src/store/index.ts';
import { createVersionReader } from '../../src/http/version-reader.ts';

const VERSIONS: Record<string, number> = { 'region:russia': 10, 'country:JP': 20, all: 30 };
const key = (feed: FeedRef) => (feed.kind === 'region' ? `region:${feed.id}` : feed.kind === 'country' ? `country:${feed.code}` : 'all');

function fakeStore(fail = false) {
  const reads: FeedRef[][] = [];
  return {
    reads,
    async feedVersions(feeds: FeedRef[]): Promise<FeedVersion[]> {
      reads.push(feeds);
      if (fail) throw new StoreError('store: down');
      return feeds.map((feed) => ({ version: VERSIONS[key(feed)] ?? 0 }));
    },
  };
}

describe('createVersionReader', () => {
  it('answers every request of one turn from one read of the feeds they asked for', async () => {
    const store = fakeStore();
    const read = createVersionReader(store);
    const answers = await Promise.all([
      read([{ kind: 'region', id: 'russia' }]),
      read([
        { kind: 'country', code: 'JP' },
        { kind: 'region', id: 'russia' },
      ]),
      read([{ kind: 'all' }]),
      read([{ kind: 'region', id: 'mars' }]),
    ]);
    expect(answers).toEqual([[10], [20, 10], [30], [0]]);
    expect(store.reads).toHaveLength(1);
    expect(store.reads[0]?.map(key)).toEqual(['region:russia', 'country:JP', 'all', 'region:mars']);
    await read([{ kind: 'all' }]);
    expect(store.reads).toHaveLength(2);
  });

  it('fails every request of the turn when the read fails', async () => {
    const read = createVersionReader(fakeStore(true));
    const outcomes = await Promise.allSettled([read([{ kind: 'all' }]), read([{ kind: 'region', id: 'russia' }])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });
});
