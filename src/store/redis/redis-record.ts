import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { StoreError, type Copy, type Evidence, type Story, type StoryItem } from '../../domain/index.ts';
import { searchWords } from '../search-words.ts';
import { fnv1a } from './keys.ts';
import { NONE, Reader, list8, sized, str8 } from './redis-record-bytes.ts';

// A story is one field of one hash: a head the Lua scripts read (times, language, source, regions,
// countries, hashed search words), the rest of the story deflated, then a tail that copies and
// identity claims are appended to. Nothing is stored twice: what the head holds is left out of the
// body. A field of one hash costs less than a key of its own (~10–30 bytes: no key object, a shorter
// name), scripts reach any story through that one declared key, and the record, read whole by the
// listing scan, answers every filter without a second lookup.
//
// Head (big-endian): u8 format, f64 published ms, f64 fingerprint expiry ms (0: none), i32 firstSeen
// less published ms (FIRST_SEEN_IN_TAIL: the tail's 'f' entry holds it, f64),
// str8 language (length 255: none), str8 source, u8 n + n × str8 regions, u8 n + n × str8 countries,
// u16 + 2-byte word hashes, u32 + body. Tail entries: 'c' str8 source, u16 + copy JSON; 'k' u16 + digests;
// 'f' u16 + f64 (scripts skip any entry but 'c' by its u16 length).
// The format byte's low 5 bits are FORMAT, its high bits flags.
const FORMAT = 2;
/** Format-byte flag: the story holds the item key `item:<its id>` through this record, not a claim. */
const OWN_ITEM_KEY = 0x80;
/** Format-byte flags: the body leaves out `guid` (it equals `url`) or `url` (it is `link` less utm_ parameters). */
const GUID_IS_URL = 0x40;
const URL_FROM_LINK = 0x20;
const FORMAT_BITS = 0x1f;
const FIRST_SEEN_IN_TAIL = -0x80000000;
const HEAD_TIMES = 21;
// 2 bytes: a word of the query matches a story's other word by chance about once in 1,200 stories
// scanned (55 words a story); the listing drops such stories after reading them (see redis-listing.ts).
const WORD_BYTES = 2;
// Deflate's preset dictionary: common English words (general, not any feed's text: -46 bytes a body),
// then what every body repeats (field names, markup, URL parts), nearest the data as the likeliest.
// Part of the format: a changed dictionary needs a new FORMAT.
const COMMON_WORDS =
  'the of and to in a is that for on with as was by at from he it his said be has have are which an their not but after were ' +
  'they who will had been this its or more also one about two than over year new government president minister people first ' +
  'police state officials last against into would when country other could there told since years week time between while ' +
  'united under during international including countries security military forces capital city official according news ' +
  'reported statement percent million world war talks support could should because before through however another without ' +
  'where these those being such only what some many most very just then them here still even back well much down made make take ' +
  'came come going know think says say see want way day days month today yesterday next early later former leader leaders party ' +
  'parties election vote court law group groups report reports attack attacks killed dead death deaths region area north south ' +
  'east west border economic economy trade market markets prices oil energy power public health service workers company companies ' +
  'bank money billion deal agreement plan plans policy foreign national local general high great long small large major part ' +
  'members member number help need called own same both each few around among within across';
const DICTIONARY = Buffer.from(
  ` ${COMMON_WORDS} ` +
    '<br><ul><li><h2><blockquote><img src="https://<a href="https://www.<strong></strong><em></em>.html.jpg?utm_source=rss&utm_medium=' +
    '{"i":{"guid":"https://","link":"https://","url":"https://","title":"","summary":"","dateFallback":"first-seen","author":"",' +
    '"categories":[""],"image":"https://","enclosures":[{"url":"https://","type":"image/jpeg","length":}],"geo":{"lat":,"lon":},' +
    '"contentHtml":"<p></p><p>"},"e":[{"country":"","kind":"dateline","match":"","weight":},{"country":"","kind":"title","match":""',
);

// A 4 kB window holds a whole body and sets up a quarter faster than the default 32 kB, which for
// bodies of 1–3 kB is most of deflate's time; the size is the same.
const DEFLATE = { dictionary: DICTIONARY, windowBits: 12, memLevel: 6, level: constants.Z_DEFAULT_COMPRESSION };

/** What a record says besides the story body. */
export interface RecordHead {
  published: number;
  firstSeen: number;
  fingerprintExpiry: number;
  regions: string[];
  countries: string[];
  /** The first item's source, then each copy's, in filing order. */
  sourceIds: string[];
  /** The first item's id, then each copy's. */
  itemIds: string[];
  /** Digests (10 bytes) of every identity key the story claimed. */
  claims: Buffer[];
}

interface Body {
  i: Omit<StoryItem, 'sourceId' | 'published' | 'language' | 'id'> & { id?: string };
  e: Evidence[];
  p?: string;
  f?: string;
}

/**
 * The story that would hold an item key through its record (`item:<id>` → id), '' for other keys.
 * Nearly every story is filed with its own item key: not writing it as a claim saves one per story.
 */
export function recordHolderOf(key: string): string {
  return key.startsWith('item:') ? key.slice('item:'.length) : '';
}

// English function words, in nearly every English story: a record keeps no hash of them (10 of a
// story's 55 words) and the scan does not test them; the listing's own check of q still does.
const UNHASHED = new Set(
  'a an and are as at be been but by for from had has have he his in is it its not of on or that the their they this to was were which who will with'.split(
    ' ',
  ),
);

/**
 * The 2-byte hashes of the folded words of a text, but UNHASHED ones, which the listing scan
 * matches `q` against.
 */
export function wordHashes(text: string): Buffer {
  const words = searchWords(text).filter((word) => !UNHASHED.has(word));
  const out = Buffer.alloc(words.length * WORD_BYTES);
  words.forEach((word, i) => out.writeUIntBE(fnv1a(word) >>> 16, i * WORD_BYTES, WORD_BYTES));
  return out;
}

/**
 * A new story's record: its head, body and copies, and a tail entry of the keys it claimed (less its
 * own item key when `ownItemKey`, which the record itself stands for).
 */
export function encodeRecord(
  story: Story,
  scores: { published: number; firstSeen: number },
  fingerprintExpiry: number,
  claims: Buffer[],
  ownItemKey: boolean,
): Buffer {
  const { id, sourceId, published, language, ...rest } = story.item;
  let flags = ownItemKey ? OWN_ITEM_KEY : 0;
  if (rest.guid !== undefined && rest.guid === rest.url) {
    flags |= GUID_IS_URL;
    delete rest.guid;
  }
  if (rest.url !== undefined && rest.link !== undefined && rest.url === linkWithoutTracking(rest.link)) {
    flags |= URL_FROM_LINK;
    delete rest.url;
  }
  const body: Body = { i: id === story.id ? rest : { ...rest, id }, e: story.evidence };
  if (new Date(scores.published).toISOString() !== published) body.p = published;
  if (new Date(scores.firstSeen).toISOString() !== story.firstSeen) body.f = story.firstSeen;
  const deflated = deflateRawSync(JSON.stringify(body), DEFLATE);
  const times = Buffer.alloc(HEAD_TIMES);
  times.writeUInt8(FORMAT | flags, 0);
  times.writeDoubleBE(scores.published, 1);
  times.writeDoubleBE(fingerprintExpiry, 9);
  const delta = scores.firstSeen - scores.published;
  const inHead = Number.isInteger(delta) && delta > FIRST_SEEN_IN_TAIL && delta <= 0x7fffffff;
  times.writeInt32BE(inHead ? delta : FIRST_SEEN_IN_TAIL, 17);
  const firstSeenTail = Buffer.alloc(inHead ? 0 : 11);
  if (!inHead) {
    firstSeenTail.write('f', 0);
    firstSeenTail.writeUInt16BE(8, 1);
    firstSeenTail.writeDoubleBE(scores.firstSeen, 3);
  }
  return Buffer.concat([
    times,
    language === undefined ? Buffer.of(NONE) : str8(language, 'language'),
    str8(sourceId, 'source id'),
    list8(story.regions, 'region'),
    list8(story.countries, 'country'),
    sized(wordHashes(`${story.item.title} ${story.item.summary}`), 2),
    sized(deflated, 4),
    ...story.copies.map(copyTail),
    claimsTail(claims),
    firstSeenTail,
  ]);
}

/** A link less its query when that is only utm_ tracking parameters: what `url` usually is. */
function linkWithoutTracking(link: string): string {
  const at = link.indexOf('?');
  if (at < 0) return link;
  return link
    .slice(at + 1)
    .split('&')
    .every((param) => param.startsWith('utm_'))
    ? link.slice(0, at)
    : link;
}

/** The tail entry of a copy. */
export function copyTail(copy: Copy): Buffer {
  const fields = copy.link === undefined ? [copy.itemId, copy.published] : [copy.itemId, copy.published, copy.link];
  return Buffer.concat([Buffer.from('c'), str8(copy.sourceId, 'source id'), sized(Buffer.from(JSON.stringify(fields)), 2)]);
}

// The tail entry of claimed identity digests (the filing script writes a copy's the same way).
function claimsTail(digests: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from('k'), sized(Buffer.concat(digests), 2)]);
}

/** Reads a record: its head and tail now, the whole story on demand (inflating the body). */
export function decodeRecord(id: string, record: Buffer): { head: RecordHead; story: () => Story } {
  const reader = new Reader(record, id);
  const format = reader.u8();
  if ((format & FORMAT_BITS) !== FORMAT) throw new StoreError(`store: story ${id} is stored in an unknown format`);
  const [published, fingerprintExpiry, delta] = [reader.f64(), reader.f64(), reader.i32()];
  let firstSeen = published + delta;
  const language = reader.str8OrNone();
  const sourceId = reader.str8();
  const regions = reader.list8();
  const countries = reader.list8();
  reader.skip(reader.u16());
  const deflated = reader.bytes(reader.u32());
  const copies: Copy[] = [];
  const claims: Buffer[] = [];
  while (!reader.done()) {
    const kind = String.fromCharCode(reader.u8());
    if (kind === 'c') {
      const source = reader.str8();
      const [itemId, at, link] = JSON.parse(reader.bytes(reader.u16()).toString('utf8')) as [string, string, string?];
      copies.push(link === undefined ? { itemId, sourceId: source, published: at } : { itemId, sourceId: source, link, published: at });
    } else if (kind === 'k') {
      const digests = reader.bytes(reader.u16());
      for (let at = 0; at < digests.length; at += 10) claims.push(digests.subarray(at, at + 10));
    } else if (kind === 'f' && delta === FIRST_SEEN_IN_TAIL) {
      firstSeen = reader.bytes(reader.u16()).readDoubleBE(0);
    } else throw new StoreError(`store: story ${id} has a damaged record`);
  }
  const head = {
    published,
    firstSeen,
    fingerprintExpiry,
    regions,
    countries,
    sourceIds: [sourceId, ...copies.map((c) => c.sourceId)],
    itemIds: [id, ...copies.map((c) => c.itemId)],
    claims,
  };
  const story = (): Story => {
    const body = JSON.parse(inflateRawSync(deflated, DEFLATE).toString('utf8')) as Body;
    const { id: itemId, ...item } = body.i;
    if (format & URL_FROM_LINK) item.url = linkWithoutTracking(item.link as string);
    if (format & GUID_IS_URL) item.guid = item.url;
    const when = body.p ?? new Date(published).toISOString();
    const full: StoryItem = { id: itemId ?? id, sourceId, ...item, published: when, ...(language === undefined ? {} : { language }) };
    return { id, item: full, copies, firstSeen: body.f ?? new Date(firstSeen).toISOString(), countries, regions, evidence: body.e };
  };
  return { head, story };
}

/** Bytes of a record's head, deflated body and tail (for the memory benchmark). */
export function recordSizes(record: Buffer): { head: number; body: number; tail: number } {
  const reader = new Reader(record, 'measured');
  reader.skip(HEAD_TIMES);
  reader.skip(reader.u8() % NONE);
  reader.skip(reader.u8());
  for (let lists = 0; lists < 2; lists++) for (let n = reader.u8(); n > 0; n--) reader.skip(reader.u8());
  reader.skip(reader.u16());
  const body = reader.u32();
  const head = reader.position();
  return { head, body, tail: record.length - head - body };
}
