import type { RawEntry } from '../parse/index.ts';

/** An entry with its base URL, own link and canonical URL resolved once. */
export interface LocatedEntry {
  entry: RawEntry;
  base: string;
  link: string | undefined;
  url: string | undefined;
}

/**
 * Guids the document gives to entries with different URLs: they identify none of them. A CMS that
 * stamps one guid on every item would otherwise collapse the feed into one story.
 */
export function sharedGuids(entries: LocatedEntry[]): Set<string> {
  const urlByGuid = new Map<string, string | undefined>();
  const shared = new Set<string>();
  for (const { entry, url } of entries) {
    const guid = entry.guid?.trim();
    if (!guid) continue;
    if (urlByGuid.has(guid) && (urlByGuid.get(guid) !== url || url === undefined)) shared.add(guid);
    urlByGuid.set(guid, url);
  }
  return shared;
}

interface EntriesAtUrl {
  guids: Set<string>;
  titles: Set<string>;
  someWithoutGuid: boolean;
}

/**
 * Canonical URLs the document gives to entries with different guids (or, where one has no guid,
 * different titles): they identify none of them. A feed whose items all point to its home page
 * would otherwise file every item after the first as "already seen".
 */
export function sharedUrls(entries: LocatedEntry[]): Set<string> {
  const byUrl = new Map<string, EntriesAtUrl>();
  for (const { entry, url } of entries) {
    if (url === undefined) continue;
    const at = byUrl.get(url) ?? { guids: new Set<string>(), titles: new Set<string>(), someWithoutGuid: false };
    byUrl.set(url, at);
    const guid = entry.guid?.trim();
    if (guid) at.guids.add(guid);
    else at.someWithoutGuid = true;
    at.titles.add(entry.title?.trim() ?? '');
  }
  const shared = new Set<string>();
  // Two entries differ when both have guids and those differ, or one lacks a guid and the titles differ.
  for (const [url, at] of byUrl) if (at.guids.size > 1 || (at.someWithoutGuid && at.titles.size > 1)) shared.add(url);
  return shared;
}
