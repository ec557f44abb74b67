import { loadConfig } from '../../src/config/index.ts';
import { itemKey } from '../../src/dedupe/index.ts';
import type { SourceState, Story } from '../../src/domain/index.ts';
import { identifyEntries } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import type { Store } from '../../src/store/index.ts';
import type { FeedFarm } from '../support/feed-farm.ts';
import { finished, startCli, type CliResult } from '../support/run-cli.ts';

/** A `fetch-once` run: its output and each source's summary status. */
export interface FetchOnceRun extends CliResult {
  statuses: Map<string, string>;
}

/** Runs `wirefeed fetch-once` to the end. */
export async function fetchOnce(configFile: string, env: NodeJS.ProcessEnv): Promise<FetchOnceRun> {
  return withStatuses(await finished(startCli(['fetch-once', '--config', configFile], env)));
}

/** Reads the summary lines (`<source> <status> …`) of a fetch-once output. */
export function withStatuses(result: CliResult): FetchOnceRun {
  const statuses = new Map<string, string>();
  for (const match of result.stdout.matchAll(/^(\S+) +(ok|not-modified|unchanged|failed|retired)\b/gm)) statuses.set(match[1] as string, match[2] as string);
  return { ...result, statuses };
}

/** Every stored story, walking `listStories` pages to the end. */
export async function allStories(store: Store): Promise<Story[]> {
  const stories: Story[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listStories({ limit: 500, cursor });
    stories.push(...page.stories);
    cursor = page.next;
  } while (cursor);
  return stories;
}

/** The farm's feed number behind a `farm-<n>` source. */
export const feedOf = (sourceId: string) => Number(sourceId.slice('farm-'.length));

/** The ids the normalize stage gives the items each source's feed serves now, by source id. */
export async function farmItemIds(farm: FeedFarm, configFile: string): Promise<Map<string, string[]>> {
  const config = await loadConfig(configFile);
  const now = new Date();
  const ids = new Map<string, string[]>();
  for (const source of config.sources) {
    const parsed = parseFeed(Buffer.from(farm.feedXml(feedOf(source.id))), { url: source.url, contentType: 'application/rss+xml' });
    ids.set(
      source.id,
      identifyEntries(parsed, source, now).entries.map((entry) => entry.id),
    );
  }
  return ids;
}

/** The story holding each item, by item id; items no story holds are absent. */
export async function holdersOf(store: Store, itemIds: string[]): Promise<Map<string, string>> {
  const holders = await store.findHolders(itemIds.map((id) => itemKey({ id })));
  const byItem = new Map<string, string>();
  for (const id of itemIds) {
    const holder = holders.get(itemKey({ id }));
    if (holder) byItem.set(id, holder);
  }
  return byItem;
}

/**
 * Sources whose state is ahead of its stories: the state names the feed version the farm serves
 * (its etag) but some item of that version is held by no story. Empty when the store is consistent.
 */
export async function statesAheadOfStories(store: Store, farm: FeedFarm, itemIds: Map<string, string[]>): Promise<string[]> {
  const ahead: string[] = [];
  for (const state of await store.listSourceStates()) {
    if (!state.etag) continue;
    const ids = itemIds.get(state.sourceId) ?? [];
    const held = await holdersOf(store, ids);
    if (state.etag !== farm.etag(feedOf(state.sourceId)) || held.size !== ids.length) ahead.push(state.sourceId);
  }
  return ahead;
}

/** What is wrong with the stories' copies: a story listed as its own copy, or another story listed as a copy. */
export function copyFaults(stories: Story[]): string[] {
  const ids = new Set(stories.map((story) => story.id));
  return stories.flatMap((story) =>
    story.copies.flatMap((copy) => {
      if (copy.itemId === story.id) return [`${story.id} lists itself as a copy`];
      if (ids.has(copy.itemId)) return [`${story.id} lists story ${copy.itemId} as a copy`];
      return [];
    }),
  );
}

/** The ids that occur more than once. */
export function repeated(ids: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
}

/** Source states with a poll error recorded, as `source: error`. */
export function failedStates(states: SourceState[]): string[] {
  return states.filter((state) => state.lastError !== undefined).map((state) => `${state.sourceId}: ${state.lastError}`);
}
