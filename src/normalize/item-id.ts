import { hash } from 'node:crypto';

/** What identifies an entry within its source, most stable first. */
export interface EntryIdentity {
  guid?: string;
  url?: string;
  title: string;
  /** The raw date string, so the same text always gives the same id. */
  date?: string;
  /** Only used when there is no date either: a title alone is no identity (wire services reuse headlines). */
  text: string;
}

/**
 * A short stable id: sha256 of the source id and the entry's guid, else its canonical URL, else
 * title + date, else title + text (never the title alone), 16 base64url chars.
 */
export function itemId(sourceId: string, entry: EntryIdentity): string {
  const guid = entry.guid?.trim();
  const date = entry.date?.trim();
  const fallback = date ? `dated:${entry.title}\n${date}` : `text:${entry.title}\n${entry.text}`;
  const key = guid ? `guid:${guid}` : entry.url ? `url:${entry.url}` : fallback;
  return hash('sha256', `${sourceId}\n${key}`, 'base64url').slice(0, 16);
}
