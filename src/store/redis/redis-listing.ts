import { QueryError, type Story } from '../../domain/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { searchWords } from '../search-words.ts';
import type { StoryPage, StoryQuery } from '../store.ts';
import { checkLimit, type IndexEntry } from '../story-order.ts';
import { bucketOf, bucketStart, bucketsOfDay, dayOf, type IndexRef, type RedisKeys } from './keys.ts';
import { decodeRecord, wordHashes } from './redis-record.ts';
import { SCAN_INDEX } from './redis-listing-script.ts';
import { runScriptBuffer, type RedisClient } from './redis-scripts.ts';

// A page walks one index (the query's country, else source, else region, else everything) and
// tests the other filters on each story in a script. The walk is bounded: after SCAN_BOUND entries
// it returns what it found with a cursor at the last entry scanned, so a rare match costs pages
// that are short (even empty), never a scan of the whole store, and paging has no gap or repeat.
const SCAN_BOUND = 5000;
/** About how many buckets one script call walks (a whole number of days of them). */
const BUCKETS_PER_CALL = 192;

type ScanReply = [Buffer, Buffer[], number, Buffer, Buffer];

/** A page of the stories matching the query, newest published first. */
export async function listStories(redis: RedisClient, keys: RedisKeys, query: StoryQuery): Promise<StoryPage> {
  checkLimit(query.limit);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const primary = primaryIndex(query);
  const words = query.q === undefined ? [] : searchWords(query.q);
  const since = query.since?.getTime();
  if (since !== undefined && !Number.isFinite(since)) throw new QueryError('store: since must be a valid date');
  const filters = [
    query.language?.toLowerCase() ?? '',
    primary.family === 'region' ? '' : (query.region ?? ''),
    primary.family === 'country' ? '' : (query.country ?? ''),
    primary.family === 'source' ? '' : (query.source ?? ''),
    wordHashes(words.join(' ')),
  ];
  const found: { id: string; record: Buffer; entry: IndexEntry }[] = [];
  // Buckets after the cursor's and from the since's on; the directory lists days, so a call's
  // buckets are those of the next days that have stories (a day's missing buckets are simply empty).
  const newest = cursor === undefined ? Infinity : bucketOf(primary, cursor.score);
  const oldest = since === undefined ? -Infinity : bucketOf(primary, since);
  const daysPerCall = Math.max(1, Math.floor(BUCKETS_PER_CALL / bucketsOfDay(primary, 0).length));
  let top = cursor === undefined ? '+inf' : String(dayOf(cursor.score));
  let scanned = 0;
  for (;;) {
    const low = since === undefined ? '-inf' : String(dayOf(since));
    const days = await redis.zrange(keys.indexDirectory(primary), top, low, 'BYSCORE', 'REV', 'LIMIT', 0, daysPerCall);
    if (days.length === 0) return page(found, words, undefined);
    const buckets = days.flatMap((day) => bucketsOfDay(primary, Number(day))).filter((bucket) => bucket <= newest && bucket >= oldest);
    const args = [
      query.limit - found.length,
      SCAN_BOUND - scanned,
      cursor?.score ?? '',
      cursor?.id ?? '',
      since ?? '',
      ...filters,
      ...buckets.map((bucket) => bucketStart(primary, bucket)),
    ];
    const bucketKeys = buckets.map((bucket) => keys.indexBucket(primary, bucket));
    const [status, matches, count, lastScore, lastId] = (await runScriptBuffer(redis, SCAN_INDEX, [keys.records, ...bucketKeys], args)) as ScanReply;
    for (let i = 0; i < matches.length; i += 3) {
      const id = (matches[i] as Buffer).toString('utf8');
      found.push({ id, record: matches[i + 2] as Buffer, entry: { id, score: Number((matches[i + 1] as Buffer).toString()) } });
    }
    scanned += count;
    const reason = status.toString();
    if (reason === 'more') return page(found, words, found.at(-1)?.entry);
    if (reason === 'bound') return page(found, words, { id: lastId.toString('utf8'), score: Number(lastScore.toString()) });
    if (days.length < daysPerCall) return page(found, words, undefined);
    top = `(${days.at(-1) as string}`;
  }
}

function primaryIndex(query: StoryQuery): IndexRef {
  if (query.country !== undefined) return { family: 'country', id: query.country };
  if (query.source !== undefined) return { family: 'source', id: query.source };
  if (query.region !== undefined) return { family: 'region', id: query.region };
  return { family: 'all' };
}

// The scan matched 2-byte word hashes and skipped the words records keep no hash of (see wordHashes);
// a story whose words only collide with the query's, or lacks such a word, is dropped here (a
// collision is about one in 1,200 stories scanned per query word), which leaves its page one short
// but the cursor where it was.
function page(found: { id: string; record: Buffer }[], words: string[], last: IndexEntry | undefined): StoryPage {
  const stories: Story[] = [];
  for (const { id, record } of found) {
    const story = decodeRecord(id, record).story();
    const own = words.length > 0 ? new Set(searchWords(`${story.item.title} ${story.item.summary}`)) : undefined;
    if (!own || words.every((word) => own.has(word))) stories.push(story);
  }
  return last === undefined ? { stories } : { stories, next: encodeCursor(last) };
}
