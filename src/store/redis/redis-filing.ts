import type { SourceState, Story } from '../../domain/index.ts';
import type { FilingEntry, FilingOutcome, SourceFiling } from '../store.ts';
import { storyScores } from '../story-order.ts';
import { bucketOf, bucketStart, dayOf, identitySlot, seenHourOf, type IdentitySlot, type IndexRef, type RedisKeys } from './keys.ts';
import { copyTail, encodeRecord, recordHolderOf } from './redis-record.ts';
import { FILE_SOURCE, FILE_STATES } from './redis-filing-script.ts';
import { layoutError } from './redis-layout.ts';
import { READ_PUBLISHED } from './redis-lookup-scripts.ts';
import { bandField, fingerprintGroups, signatureField } from './redis-fingerprints.ts';
import { KeyList, runScript, type RedisClient, type ScriptArg } from './redis-scripts.ts';

type NewEntry = Extract<FilingEntry, { kind: 'new' }>;
type CopyEntry = Extract<FilingEntry, { kind: 'copy' }>;

/** Files a source's poll in one script call (after one read of the published times copies need). */
export async function fileSource(redis: RedisClient, keys: RedisKeys, filing: SourceFiling): Promise<FilingOutcome> {
  // Every date is checked before anything is sent: a story that cannot be indexed fails the filing.
  const scores = new Map(filing.entries.flatMap((e) => (e.kind === 'new' ? [[e.story.id, storyScores(e.story)] as const] : [])));
  const published = await publishedOfCopied(redis, keys, filing, scores);
  const list = new KeyList(keys.records, keys.versions, keys.sources, keys.seenDirectory, keys.layout, keys.sourceChanges, keys.sourceChangeCount);
  const groups = fingerprintGroups(keys, filing.window);
  const keep = filing.keepSubscription === true;
  const state = JSON.stringify(keep ? { ...filing.state, websub: undefined } : filing.state);
  const args: ScriptArg[] = [filing.window.now.getTime(), filing.state.sourceId, state, groups.expireAt, filing.entries.length, keep ? '1' : '0'];
  for (const [i, entry] of filing.entries.entries()) {
    if (entry.kind === 'new') {
      args.push(...newArgs(entry, scores.get(entry.story.id) as { published: number; firstSeen: number }, list, keys, groups));
      continue;
    }
    const at = published.get(entry.storyId);
    if (at === undefined) return { filed: false, conflict: `entry ${i + 1}: story ${entry.storyId} is not stored` };
    args.push(...copyArgs(entry, at, list, keys, scores.has(entry.storyId)));
  }
  const reply = String(await runScript(redis, FILE_SOURCE, list.keys, args));
  if (reply.startsWith('layout ')) throw layoutError(keys, reply.slice('layout '.length));
  return reply === 'filed' ? { filed: true } : { filed: false, conflict: reply };
}

/** Files the states of polls that brought no items in one script call (see Store.fileStates). */
export async function fileStates(redis: RedisClient, keys: RedisKeys, states: SourceState[]): Promise<void> {
  const args = states.flatMap((state) => [state.sourceId, JSON.stringify({ ...state, websub: undefined })]);
  await runScript(redis, FILE_STATES, [keys.sources, keys.sourceChanges, keys.sourceChangeCount], args);
}

// A copy's source is indexed under its story's published time, which names the bucket key: the
// client must know it before the script runs, and the script checks it still holds.
async function publishedOfCopied(
  redis: RedisClient,
  keys: RedisKeys,
  filing: SourceFiling,
  scores: Map<string, { published: number }>,
): Promise<Map<string, number>> {
  const found = new Map([...scores].map(([id, score]) => [id, score.published]));
  const wanted = [...new Set(filing.entries.flatMap((e) => (e.kind === 'copy' && !found.has(e.storyId) ? [e.storyId] : [])))];
  if (wanted.length === 0) return found;
  const replies = (await runScript(redis, READ_PUBLISHED, [keys.records], wanted)) as (string | null)[];
  wanted.forEach((id, i) => {
    const reply = replies[i];
    if (typeof reply === 'string') found.set(id, Number(reply));
  });
  return found;
}

/** The indexes a new story is listed in: everything, its regions, countries and sources. */
export function indexesOf(regions: string[], countries: string[], sourceIds: string[]): IndexRef[] {
  const named = (family: 'region' | 'country' | 'source', ids: string[]) => [...new Set(ids)].map((id) => ({ family, id }));
  return [{ family: 'all' }, ...named('region', regions), ...named('country', countries), ...named('source', sourceIds)];
}

function storyIndexes(story: Story): IndexRef[] {
  return indexesOf(story.regions, story.countries, [story.item.sourceId, ...story.copies.map((copy) => copy.sourceId)]);
}

function newArgs(
  entry: NewEntry,
  scores: { published: number; firstSeen: number },
  list: KeyList,
  keys: RedisKeys,
  groups: ReturnType<typeof fingerprintGroups>,
): ScriptArg[] {
  const { story, fingerprint } = entry;
  const item = identitySlot(entry.itemKey);
  const own = entry.itemKey === `item:${story.id}`;
  const slots = uniqueSlots(entry.identityKeys, entry.itemKey);
  const bands = fingerprint.bandKeys;
  const expiry = bands.length > 0 ? filingExpiry(groups.now, groups.hours) : 0;
  const claims = [...(own ? [] : [item.digest]), ...slots.map((slot) => slot.digest)];
  const record = encodeRecord(story, scores, expiry, claims, own);
  const hour = seenHourOf(scores.firstSeen);
  const args: ScriptArg[] = ['n', story.id, record, scores.published, list.index(keys.seen(hour)), hour];
  args.push(list.index(keys.identities(item.bucket)), item.digest, recordHolderOf(entry.itemKey), slots.length);
  for (const slot of slots) args.push(list.index(keys.identities(slot.bucket)), slot.digest);
  const indexes = storyIndexes(story);
  args.push(indexes.length);
  for (const index of indexes) {
    const n = bucketOf(index, scores.published);
    args.push(
      list.index(keys.indexBucket(index, n)),
      list.index(keys.indexDirectory(index)),
      dayOf(scores.published),
      scores.published - bucketStart(index, n),
    );
  }
  args.push(bands.length);
  bands.forEach((band, i) => {
    args.push(list.index(groups.bandKey(band, 0)), list.index(groups.bandKey(band, -1)), bandField(band), band, entry.bandHolders[i] ?? '');
  });
  args.push(list.index(groups.signatureKey(story.id)), signatureField(story.id), Buffer.from(fingerprint.signature));
  args.push(list.index(keys.started(story.item.sourceId)), scores.firstSeen);
  return args;
}

// Each identity key once, and not the item key again.
function uniqueSlots(identityKeys: string[], itemKey: string): IdentitySlot[] {
  return [...new Set(identityKeys)].filter((key) => key !== itemKey).map(identitySlot);
}

function filingExpiry(now: number, hours: number): number {
  return now + hours * 3_600_000;
}

function copyArgs(entry: CopyEntry, published: number, list: KeyList, keys: RedisKeys, filedHere: boolean): ScriptArg[] {
  const item = identitySlot(entry.itemKey);
  const ids = uniqueSlots(entry.identityKeys, entry.itemKey);
  const index: IndexRef = { family: 'source', id: entry.copy.sourceId };
  const n = bucketOf(index, published);
  const args: ScriptArg[] = ['c', entry.storyId, copyTail(entry.copy), filedHere ? '' : String(published)];
  args.push(list.index(keys.identities(item.bucket)), item.digest, recordHolderOf(entry.itemKey), ids.length);
  for (const slot of ids) args.push(list.index(keys.identities(slot.bucket)), slot.digest);
  args.push(list.index(keys.indexBucket(index, n)), list.index(keys.indexDirectory(index)), dayOf(published), published - bucketStart(index, n));
  return args;
}
