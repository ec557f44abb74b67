import type { ParsedFeed } from './types.ts';

/** The hints a document gives about polling it: RSS ttl/skipHours/skipDays and WebSub hub/self links. */
export type PollHints = Pick<ParsedFeed, 'ttlMinutes' | 'skipHours' | 'skipDays' | 'hubs' | 'self'>;

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** RSS 2.0 <ttl>, <skipHours> and <skipDays>, keeping only values the spec allows. */
export function rssSchedule(channel: { ttl?: number; skipHours?: number[]; skipDays?: string[] }): PollHints {
  const ttl = Number(channel.ttl);
  const hours = unique((channel.skipHours ?? []).map(Number).filter((hour) => Number.isInteger(hour) && hour >= 0 && hour <= 23)).sort((a, b) => a - b);
  const days = unique((channel.skipDays ?? []).flatMap((day) => DAYS.find((name) => name.toLowerCase() === String(day).trim().toLowerCase()) ?? []));
  return {
    ...(Number.isInteger(ttl) && ttl > 0 ? { ttlMinutes: ttl } : {}),
    ...(hours.length ? { skipHours: hours } : {}),
    ...(days.length ? { skipDays: days } : {}),
  };
}

/**
 * The values of a channel's <skipHours> or <skipDays> (`list`, `value`: 'skipHours', 'hour') read
 * from the document text: feedsmith drops such a list when it holds a single value.
 */
export function channelList(text: string, list: string, value: string): string[] | undefined {
  const inner = new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`, 'i').exec(text)?.[1];
  if (inner === undefined) return undefined;
  return [...inner.matchAll(new RegExp(`<${value}\\b[^>]*>([^<]*)</${value}>`, 'gi'))].map((match) => match[1]!.trim());
}

/** Feed-level rel="hub" and rel="self" links (Atom, or atom:link in RSS), absolute against the document URL. */
export function hubLinks(links: Array<{ href?: string; rel?: string }> | undefined, url: string): PollHints {
  const hubs = unique((links ?? []).filter((link) => hasRel(link.rel, 'hub')).flatMap((link) => absolute(link.href, url) ?? []));
  const self = absolute((links ?? []).find((link) => hasRel(link.rel, 'self'))?.href, url);
  return { ...(hubs.length ? { hubs } : {}), ...(self ? { self } : {}) };
}

function hasRel(rel: string | undefined, name: string): boolean {
  return (rel ?? '').toLowerCase().split(/\s+/).includes(name);
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    return new URL(href.trim(), base || undefined).href;
  } catch {
    return undefined;
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
