import type { Item } from './item.ts';

/** One piece of evidence for a country: where it was found and how much it weighs. */
export interface Evidence {
  country: string;
  /** dateline, title, lead, body, geo, source-default, rule … */
  kind: string;
  /** The text that matched, e.g. "MOSCOW" or "Japanese". */
  match: string;
  weight: number;
}

/** The outcome of classifying one item. */
export interface Classification {
  countries: string[];
  regions: string[];
  evidence: Evidence[];
}

/**
 * The item a story is shown as: its content sanitized, once, when the story was stored. Its plain
 * `text` (what dedupe and classification read) is not kept: the sanitized content says the same.
 */
export interface StoryItem extends Omit<Item, 'publisherHtml' | 'text'> {
  /** Sanitized HTML, safe to re-serve. */
  contentHtml?: string;
  /** Never here: an Item is no StoryItem until sanitizeItem has made its content safe. */
  publisherHtml?: never;
}

/** A later copy of a story from another outlet ("also reported by"). */
export interface Copy {
  itemId: string;
  sourceId: string;
  /** Absent when the copy's entry had no link of its own. */
  link?: string;
  published: string;
}

/** A story: the first item seen plus every later copy of it. Its id is the first item's id, forever. */
export interface Story extends Classification {
  id: string;
  item: StoryItem;
  copies: Copy[];
  /** ISO 8601: when wirefeed first stored it. */
  firstSeen: string;
}
