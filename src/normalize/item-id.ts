import { createHash } from 'node:crypto';

/** What identifies an entry within its source, most stable first. */
export interface EntryIdentity {
  guid?: string;
  url?: string;
  title: string;
  /** The raw date string, so the same text always gives the same id. */
  date?: string;
  text: string;
}

/**
 * A short stable id: sha256 of the source id and the entry's guid, else its canonical URL, else
 * title + date + text (never the title alone: wire services reuse headlines), 16 base64url chars.
 */
export function itemId(sourceId: string, entry: EntryIdentity): string {
  const guid = entry.guid?.trim();
  const key = guid ? `guid:${guid}` : entry.url ? `url:${entry.url}` : `text:${entry.title}\n${entry.date ?? ''}\n${entry.text}`;
  return createHash('sha256').update(`${sourceId}\n${key}`).digest('base64url').slice(0, 16);
}
