import { QueryError } from '../domain/index.ts';
import type { Catalog } from './catalog.ts';
import { quoted } from './quote.ts';

/** Filters of a feed or API URL: every parameter given must hold (AND); a list means any of its values. */
export interface ListingFilters {
  /** Region ids (only `/api/stories` takes them). */
  regions: string[];
  /** ISO 3166-1 alpha-2, upper case. */
  countries: string[];
  sources: string[];
  /** Language tags, lower case. */
  languages: string[];
  q?: string;
  since?: Date;
}

/** A listing URL's query: its filters and which page. */
export interface ListingQuery {
  filters: ListingFilters;
  limit: number;
  /** True when the URL named a limit other than the default, so links to other pages keep it. */
  customLimit: boolean;
  cursor?: string;
}

/** What a route accepts: which list filters, and its page sizes. */
export interface ListingRules {
  catalog: Catalog;
  /** `region` only on `/api/stories`; `country` everywhere but a country's own feed. */
  lists: ReadonlySet<'region' | 'country'>;
  defaultLimit: number;
  maxLimit: number;
}

type RawQuery = Record<string, unknown>;

const MAX_VALUES = 10;
const MAX_Q = 200;
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Reads and checks a listing's query; a bad parameter is a QueryError with a one-line reason. Unknown parameters are ignored. */
export function parseListingQuery(raw: RawQuery, rules: ListingRules): ListingQuery {
  const { catalog } = rules;
  const filters: ListingFilters = {
    regions: list(raw, 'region', (id) => (catalog.regions.some((r) => r.id === id) ? id : undefined), 'a region id', rules),
    countries: list(
      raw,
      'country',
      (code) => (catalog.isCountry(code.toUpperCase()) ? code.toUpperCase() : undefined),
      'an ISO 3166-1 alpha-2 country code',
      rules,
    ),
    sources: list(raw, 'source', (id) => (catalog.sources.has(id) ? id : undefined), `a source id (${[...catalog.sources.keys()].join(', ')})`, rules),
    languages: list(raw, 'lang', (tag) => (LANGUAGE.test(tag.toLowerCase()) ? tag.toLowerCase() : undefined), 'a language tag such as "en"', rules),
  };
  const q = single(raw, 'q')?.trim().replace(/\s+/g, ' ');
  if (q !== undefined && q.length > MAX_Q) throw bad(`q is longer than ${MAX_Q} characters`);
  if (q) filters.q = q;
  const since = single(raw, 'since');
  if (since !== undefined) filters.since = parseSince(since);
  const limitText = single(raw, 'limit');
  const limit = limitText === undefined ? rules.defaultLimit : parseLimit(limitText, rules.maxLimit);
  const cursor = single(raw, 'cursor');
  if (cursor !== undefined && (cursor === '' || cursor.length > 1000)) throw bad('cursor must be a "next" cursor of an earlier page');
  return { filters, limit, customLimit: limit !== rules.defaultLimit, ...(cursor === undefined ? {} : { cursor }) };
}

/** The filters as a canonical query string (fixed order, sorted lists): a filtered feed's identity. */
export function filterQueryString(filters: ListingFilters): string {
  const pairs: [string, string][] = [];
  const add = (name: string, values: readonly string[]) => values.length && pairs.push([name, [...values].sort().join(',')]);
  add('region', filters.regions);
  add('country', filters.countries);
  add('source', filters.sources);
  add('lang', filters.languages);
  if (filters.q) pairs.push(['q', filters.q]);
  if (filters.since) pairs.push(['since', filters.since.toISOString()]);
  return queryString(pairs);
}

/** The canonical query string of one page: the filters, the limit when not the default, the cursor. */
export function pageQueryString(query: ListingQuery, cursor = query.cursor): string {
  const pairs: [string, string][] = [];
  if (query.customLimit) pairs.push(['limit', String(query.limit)]);
  if (cursor !== undefined) pairs.push(['cursor', cursor]);
  return [filterQueryString(query.filters), queryString(pairs)].filter(Boolean).join('&');
}

// Commas stay as they are (RFC 3986 lets a query hold them): `country=JP,RU` reads better than `JP%2CRU`.
function queryString(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${name}=${encodeURIComponent(value).replaceAll('%2C', ',')}`).join('&');
}

function list(
  raw: RawQuery,
  name: 'region' | 'country' | 'source' | 'lang',
  check: (value: string) => string | undefined,
  what: string,
  rules: ListingRules,
): string[] {
  const given = raw[name];
  if (given === undefined) return [];
  if ((name === 'region' || name === 'country') && !rules.lists.has(name)) throw bad(`${name} is not a filter of this URL`);
  const values = (Array.isArray(given) ? given : [given]).flatMap((value) => String(value).split(',')).map((value) => value.trim());
  if (values.length > MAX_VALUES) throw bad(`${name} takes at most ${MAX_VALUES} values`);
  const checked = values.map((value) => {
    const ok = value === '' ? undefined : check(value);
    if (ok === undefined) throw bad(`${name} ${quoted(value)} is not ${what}`);
    return ok;
  });
  // Sorted, so that a listing's queries (and its cursor's places) come in one order however the URL lists them.
  return [...new Set(checked)].sort();
}

function single(raw: RawQuery, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(`${name} is given more than once`);
  return value;
}

function parseSince(text: string): Date {
  const time = Date.parse(text);
  if (!DATE.test(text.trim()) || Number.isNaN(time)) throw bad(`since ${quoted(text)} is not an ISO 8601 date or date-time`);
  return new Date(time);
}

function parseLimit(text: string, max: number): number {
  const limit = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= max)) throw bad(`limit must be a whole number from 1 to ${max}, got ${quoted(text)}`);
  return limit;
}

function bad(reason: string): QueryError {
  return new QueryError(`http: bad query: ${reason}`);
}
