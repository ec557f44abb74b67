import { NotFoundError, QueryError, StoreError, type SourceState, type Story } from '../../domain/index.ts';
import type {
  FeedRef,
  FeedVersion,
  FilingOutcome,
  FingerprintCandidate,
  FingerprintWindow,
  Reporters,
  SourceFiling,
  SourceRetention,
  StateChanges,
  Store,
  StoryPage,
  StoryQuery,
} from '../store.ts';
import { compareIds } from '../story-order.ts';
import { createKeys, identitySlot, type RedisKeys } from './keys.ts';
import { fileSource, fileStates } from './redis-filing.ts';
import { READ_ALL_STATES, READ_CHANGED_STATES } from './redis-filing-script.ts';
import { checkLayout } from './redis-layout.ts';
import { findCandidates } from './redis-fingerprints.ts';
import { listStories } from './redis-listing.ts';
import { FIND_HOLDERS, STATS } from './redis-lookup-scripts.ts';
import { MARK_LATER } from './redis-marks.ts';
import { pruneStories } from './redis-prune.ts';
import { pruneSourceStories } from './redis-prune-sources.ts';
import { decodeRecord, recordHolderOf } from './redis-record.ts';
import { KeyList, runScript, type RedisClient } from './redis-scripts.ts';

/** What RedisStore is built from: a client (one Redis, or a Cluster) the caller created, and a key prefix. */
export interface RedisStoreOptions {
  redis: RedisClient;
  /** Prefix of every key (default `wirefeed:`); it becomes the hash tag `{wirefeed}` all keys carry. */
  prefix?: string;
}

/** The Store on Redis or Redis Cluster: one hash tag per store, every multi-key write one Lua script. */
export class RedisStore implements Store {
  private readonly redis: RedisClient;
  private readonly keys: RedisKeys;

  constructor(options: RedisStoreOptions) {
    this.redis = options.redis;
    this.keys = createKeys(options.prefix);
  }

  /** Glob matching every key of a store with this prefix, for tools and tests that SCAN. */
  static keyPattern(prefix?: string): string {
    return createKeys(prefix).pattern;
  }

  /** Fails (StoreError) unless the store is empty or of the layout this code writes (see redis-layout.ts). */
  checkLayout(): Promise<void> {
    return this.run('check layout', () => checkLayout(this.redis, this.keys));
  }

  fileSource(filing: SourceFiling): Promise<FilingOutcome> {
    return this.run(`file source ${filing.state.sourceId}`, () => fileSource(this.redis, this.keys, filing));
  }

  async fileStates(states: SourceState[]): Promise<void> {
    if (states.length > 0) await this.run(`file ${states.length} source states`, () => fileStates(this.redis, this.keys, states));
  }

  async findHolders(identityKeys: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(identityKeys)];
    if (wanted.length === 0) return new Map();
    const list = new KeyList(this.keys.records);
    const args = wanted.flatMap((key) => {
      const slot = identitySlot(key);
      return [list.index(this.keys.identities(slot.bucket)), slot.field, recordHolderOf(key)];
    });
    const holders = (await this.run('find holders', () => runScript(this.redis, FIND_HOLDERS, list.keys, args))) as (string | null)[];
    return new Map(wanted.flatMap((key, i) => (typeof holders[i] === 'string' ? [[key, holders[i]] as const] : [])));
  }

  findCandidates(bandKeys: string[], window: FingerprintWindow): Promise<FingerprintCandidate[]> {
    return this.run('find candidates', () => findCandidates(this.redis, this.keys, bandKeys, window));
  }

  async findReporters(storyIds: string[]): Promise<Map<string, Reporters>> {
    const ids = [...new Set(storyIds)];
    const records = await this.readRecords('find reporters', ids);
    return new Map(
      ids.flatMap((id, i) => {
        const record = records[i];
        if (!record) return [];
        const { head } = decodeRecord(id, record);
        return [[id, { itemIds: head.itemIds, sourceIds: head.sourceIds }] as const];
      }),
    );
  }

  async getStory(id: string): Promise<Story | undefined> {
    const [record] = await this.readRecords(`read story ${id}`, [id]);
    return record ? this.run(`read story ${id}`, async () => decodeRecord(id, record).story()) : undefined;
  }

  listStories(query: StoryQuery): Promise<StoryPage> {
    return this.run('list stories', () => listStories(this.redis, this.keys, query));
  }

  async feedVersions(feeds: FeedRef[]): Promise<FeedVersion[]> {
    if (feeds.length === 0) return [];
    const fields = feeds.map((feed) => (feed.kind === 'all' ? 'all' : feed.kind === 'region' ? `r:${feed.id}` : `c:${feed.code}`));
    const values = await this.run('read feed versions', () => this.redis.hmget(this.keys.versions, ...fields));
    return values.map((value) => ({ version: value === null ? 0 : Number(value) }));
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    const json = await this.run(`read source ${sourceId}`, () => this.redis.hget(this.keys.sources, sourceId));
    return json === null ? undefined : parseState(json, sourceId);
  }

  async listSourceStates(): Promise<SourceState[]> {
    const all = await this.run('list sources', () => this.redis.hgetall(this.keys.sources));
    return Object.keys(all)
      .sort(compareIds)
      .map((sourceId) => parseState(all[sourceId] as string, sourceId));
  }

  async sourceStatesSince(cursor?: string): Promise<StateChanges> {
    if (cursor !== undefined && !/^\d+$/.test(cursor)) throw new QueryError(`store: "${cursor}" is not a source state cursor of this store`);
    return this.run('read changed source states', async () => {
      if (cursor === undefined) {
        const [last, flat] = (await runScript(this.redis, READ_ALL_STATES, [this.keys.sources, this.keys.sourceChangeCount], [])) as [string, string[]];
        return { states: statesOf(flat), cursor: last };
      }
      const [last, ...flat] = (await runScript(this.redis, READ_CHANGED_STATES, [this.keys.sources, this.keys.sourceChanges], [cursor])) as string[];
      return { states: statesOf(flat), cursor: String(last) };
    });
  }

  async forgetSources(keep: string[]): Promise<number> {
    const kept = new Set(keep);
    return this.run('forget sources', async () => {
      const gone = (await this.redis.hkeys(this.keys.sources)).filter((sourceId) => !kept.has(sourceId));
      if (gone.length === 0) return 0;
      await this.redis.zrem(this.keys.sourceChanges, ...gone);
      return this.redis.hdel(this.keys.sources, ...gone);
    });
  }

  prune(cutoff: Date, now?: Date): Promise<number> {
    return this.run('prune', () => pruneStories(this.redis, this.keys, cutoff, (now ?? new Date()).getTime()));
  }

  pruneSources(limits: SourceRetention[], now?: Date): Promise<number> {
    return this.run('prune sources', () => pruneSourceStories(this.redis, this.keys, limits, (now ?? new Date()).getTime()));
  }

  async markPolled(at: Date): Promise<void> {
    await this.run('note a poll', () => runScript(this.redis, MARK_LATER, [this.keys.polled], [at.getTime()]));
  }

  async lastPolled(): Promise<Date | undefined> {
    const at = await this.run('read the last poll', () => this.redis.get(this.keys.polled));
    return at === null ? undefined : new Date(Number(at));
  }

  async stats(): Promise<{ stories: number; bytes?: number }> {
    const [stories, bytes] = (await this.run('count stories', () => runScript(this.redis, STATS, [this.keys.records], []))) as [number, number];
    return { stories, bytes };
  }

  /** Quits the client (it was handed to this store, so the store ends it). */
  async close(): Promise<void> {
    // QUIT needs a live connection; a client that is down or never connected is just dropped.
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.run('close', () => this.redis.quit());
  }

  private readRecords(action: string, ids: string[]): Promise<(Buffer | null)[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(action, () => this.redis.hmgetBuffer(this.keys.records, ...ids));
  }

  // Every failure becomes a StoreError naming what was being done; the caller's own mistakes pass.
  private async run<T>(action: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof StoreError || error instanceof NotFoundError || error instanceof QueryError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreError(`store: ${action} failed: ${reason}`, { cause: error });
    }
  }
}

// (id, state JSON) pairs, flat as Redis replies them.
function statesOf(flat: string[]): SourceState[] {
  const states: SourceState[] = [];
  for (let i = 0; i < flat.length; i += 2) states.push(parseState(flat[i + 1] as string, flat[i] as string));
  return states;
}

function parseState(json: string, sourceId: string): SourceState {
  try {
    return JSON.parse(json) as SourceState;
  } catch (error) {
    throw new StoreError(`store: source state ${sourceId} is stored as invalid JSON`, { cause: error });
  }
}
