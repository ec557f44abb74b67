import type { Redis } from 'ioredis';
import { NotFoundError, StoreError, type Copy, type SourceState, type Story } from '../domain/index.ts';
import type {
  FingerprintCandidate,
  FingerprintEntry,
  FingerprintWindow,
  ListOptions,
  SaveOutcome,
  Store,
  StoryPage,
} from './store.ts';
import { findCandidates, indexFingerprints } from './redis-fingerprints.ts';
import { createKeys, type RedisKeys } from './keys.ts';
import { storyScores } from './story-order.ts';
import { ADD_COPY, SAVE_STORY, runScript } from './redis-scripts.ts';
import { parseJson, readPage, readStories } from './redis-read.ts';
import { pruneStories } from './redis-prune.ts';

/** What RedisStore is built from: a client the caller created, and an optional key prefix. */
export interface RedisStoreOptions {
  redis: Redis;
  /** Prefix of every key (default `wirefeed:`). */
  prefix?: string;
}

/** The Store on Redis: story JSON, identity keys and sorted sets, all keys from keys.ts. */
export class RedisStore implements Store {
  private readonly redis: Redis;
  private readonly keys: RedisKeys;

  constructor(options: RedisStoreOptions) {
    this.redis = options.redis;
    this.keys = createKeys(options.prefix);
  }

  async saveStory(story: Story, identityKeys: string[]): Promise<SaveOutcome> {
    const scores = storyScores(story);
    const k = this.keys;
    const sets = [...new Set(story.regions)].map(k.region).concat([...new Set(story.countries)].map(k.country));
    const ids = identityKeys.map(k.identity);
    const args = [JSON.stringify(story), story.id, scores.published, scores.firstSeen, ids.length];
    const keys = [k.story(story.id), k.storyIdentities(story.id), k.firstSeen(), ...ids, ...sets];
    const saved = await this.run(`save story ${story.id}`, () => runScript(this.redis, SAVE_STORY, keys, args));
    if (saved === 0) throw new StoreError(`store: story ${story.id} already exists`);
    return typeof saved === 'string' ? { saved: false, existingStoryId: saved } : { saved: true };
  }

  async addCopy(storyId: string, copy: Copy, identityKeys: string[]): Promise<void> {
    const k = this.keys;
    const keys = [k.story(storyId), k.copies(storyId), k.storyIdentities(storyId), ...identityKeys.map(k.identity)];
    const added = await this.run(`add a copy to story ${storyId}`, () =>
      runScript(this.redis, ADD_COPY, keys, [JSON.stringify(copy), storyId]),
    );
    if (added === 0) throw new StoreError(`store: cannot add a copy to story ${storyId}, it does not exist`);
  }

  async findByIdentity(identityKeys: string[]): Promise<string | undefined> {
    if (identityKeys.length === 0) return undefined;
    const ids = await this.run('find by identity', () => this.redis.mget(identityKeys.map(this.keys.identity)));
    return ids.find((id) => id !== null) ?? undefined;
  }

  async findByIdentities(identityKeyLists: string[][]): Promise<(string | undefined)[]> {
    const all = identityKeyLists.flat();
    if (all.length === 0) return identityKeyLists.map(() => undefined);
    const ids = await this.run('find by identities', () => this.redis.mget(all.map(this.keys.identity)));
    let at = 0;
    return identityKeyLists.map((keys) => {
      const held = ids.slice(at, (at += keys.length));
      return held.find((id) => id !== null) ?? undefined;
    });
  }

  async getStory(id: string): Promise<Story | undefined> {
    const [story] = await this.run(`read story ${id}`, () => readStories(this.redis, this.keys, [id]));
    return story;
  }

  async listRegion(regionId: string, options: ListOptions): Promise<StoryPage> {
    return this.run(`list region ${regionId}`, () => readPage(this.redis, this.keys, this.keys.region(regionId), options));
  }

  async listCountry(country: string, options: ListOptions): Promise<StoryPage> {
    return this.run(`list country ${country}`, () => readPage(this.redis, this.keys, this.keys.country(country), options));
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    const json = await this.run(`read source ${sourceId}`, () => this.redis.get(this.keys.sourceState(sourceId)));
    return json === null ? undefined : parseJson<SourceState>(json, `source state ${sourceId}`);
  }

  async saveSourceState(state: SourceState): Promise<void> {
    const json = JSON.stringify(state);
    await this.run(`save source ${state.sourceId}`, () => this.redis.set(this.keys.sourceState(state.sourceId), json));
  }

  async indexFingerprints(entries: FingerprintEntry[], window: FingerprintWindow): Promise<void> {
    await this.run('index fingerprints', () => indexFingerprints(this.redis, this.keys, entries, window));
  }

  async findCandidates(bandKeys: string[], window: FingerprintWindow): Promise<FingerprintCandidate[]> {
    return this.run('find candidates', () => findCandidates(this.redis, this.keys, bandKeys, window));
  }

  async prune(cutoff: Date): Promise<number> {
    return this.run('prune', () => pruneStories(this.redis, this.keys, cutoff));
  }

  async stats(): Promise<{ stories: number }> {
    return { stories: await this.run('count stories', () => this.redis.zcard(this.keys.firstSeen())) };
  }

  /** Quits the client (it was handed to this store, so the store ends it). */
  async close(): Promise<void> {
    // QUIT needs a live connection; a client that is down or never connected is just dropped.
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.run('close', () => this.redis.quit());
  }

  // Every ioredis failure becomes a StoreError naming what was being done; our own errors pass.
  private async run<T>(action: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof StoreError || error instanceof NotFoundError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreError(`store: ${action} failed: ${reason}`, { cause: error });
    }
  }
}
