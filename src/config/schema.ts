import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { isCountryCode, m49Areas } from './m49.ts';

const MIB = 1024 * 1024;

// Ids appear in served URLs (/feeds/<region>.rss) and Redis keys, so they stay lower-case slugs.
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be a lower-case slug (a-z, 0-9, -)' });
const text = z.string().trim().min(1, { error: 'must not be empty' });
// Only the format message is ours; a missing or non-text value falls through to the parse's messages.
const httpUrl = z.url({
  protocol: /^https?$/,
  error: (issue) => (issue.code === 'invalid_format' ? 'must be an absolute http(s) URL' : undefined),
});

const countryCode = z
  .string()
  .transform((code) => code.toUpperCase())
  .refine(isCountryCode, { error: (issue) => `"${String(issue.input)}" is not an ISO 3166-1 alpha-2 country code` });

const areaName = z.string().refine((name) => m49Areas().has(name), {
  error: (issue) => unknownAreaMessage(String(issue.input)),
});

// A primary subtag of 2–3 letters keeps out words like "english" that are syntactically BCP 47.
const language = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i, { error: 'must be a BCP 47 language tag such as "en" or "pt-BR"' })
  .refine(isLanguageTag, { error: 'must be a BCP 47 language tag such as "en" or "pt-BR"' });

const keywords = z.array(text.transform((keyword) => keyword.toLowerCase()));

/** One entry of `regions:` as written in the file. */
export const regionSchema = z
  .strictObject({
    id: slug,
    title: text,
    description: z.string(),
    countries: z.array(countryCode).optional(),
    areas: z.array(areaName).optional(),
    include: z.array(slug).optional(),
    all: z.literal(true, { error: 'must be true, or left out' }).optional(),
    keywords: z.strictObject({ include: keywords.optional(), exclude: keywords.optional() }).optional(),
  })
  .refine((region) => !region.all || !(region.countries ?? region.areas ?? region.include), {
    error: 'a region with all: true takes every story; drop its countries, areas and include',
  })
  .refine((region) => region.all || [region.countries, region.areas, region.include, region.keywords?.include].some((list) => list?.length), {
    error: 'names no countries: give countries, areas, include, keywords.include or all: true',
  });

/** One entry of `sources:` as written in the file. */
export const sourceSchema = z.strictObject({
  id: slug,
  url: httpUrl,
  title: text,
  language,
  default: z.strictObject({ countries: z.array(countryCode).optional(), regions: z.array(slug).optional() }).optional(),
  pollMinutes: z
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  // This source's own retention of the stories it started (see output.retention).
  retentionDays: z.int().min(1).optional(),
  maxStories: z.int().min(1).optional(),
});

/** `output.retention.days` when neither it nor the older `output.retentionDays` is given. */
export const DEFAULT_RETENTION_DAYS = 14;

const retentionSchema = z.strictObject({
  days: z.int().min(1).default(DEFAULT_RETENTION_DAYS),
  maxStoriesPerFeed: z.int().min(1).optional(),
});

const outputSchema = z
  .strictObject({
    baseUrl: httpUrl.transform((url) => url.replace(/\/+$/, '')),
    title: text.default('wirefeed'),
    itemsPerFeed: z.int().min(1).max(1000).default(50),
    retention: retentionSchema.optional(),
    // The older spelling of retention.days, still read so configs written for it keep working.
    retentionDays: z.int().min(1).optional(),
    websub: z.strictObject({ hub: httpUrl }).optional(),
    publicUrl: httpUrl.transform((url) => url.replace(/\/+$/, '')).optional(),
  })
  .refine((output) => output.retention === undefined || output.retentionDays === undefined, {
    error: 'give retention.days or retentionDays, not both (retentionDays is the older spelling of retention.days)',
    path: ['retentionDays'],
  });

const fetchSchema = z.strictObject({
  timeoutMs: z.int().min(100).default(15_000),
  maxBytes: z
    .int()
    .min(1024)
    .default(10 * MIB),
  concurrency: z.int().min(1).max(256).default(16),
  perHost: z.int().min(1).max(64).default(1),
  hostSpacingMs: z.int().min(0).default(1_000),
  minPollMinutes: z.number().positive().default(2),
  maxPollMinutes: z
    .number()
    .positive()
    .default(24 * 60),
  allowPrivateNetworks: z.boolean().default(false),
  // With private networks off, ranges still allowed: an intranet's feed servers, not the whole LAN.
  allowedNetworks: z.array(z.string().refine(isCidr, 'must be a CIDR range such as 10.20.0.0/16 or fd00::/8')).default([]),
  maxItemsPerFeed: z.int().min(1).default(500),
  contactUrl: httpUrl.default('https://github.com/wirefeed/wirefeed'),
});

function isCidr(text: string): boolean {
  return ipaddr.isValidCIDR(text);
}

/** `fetch:` with every default, for code that builds a Config without a file (tests, benches). */
export function fetchDefaults(): z.output<typeof fetchSchema> {
  return fetchSchema.parse({});
}

const dedupeSchema = z.strictObject({ windowHours: z.number().positive().default(72) });

/** The whole of config/feeds.yaml; `fetch` and `dedupe` are optional top-level keys. */
export const configSchema = z.strictObject({
  /** Files whose `sources:` and `regions:` are appended to this file's (paths relative to it). */
  include: z.array(text).optional(),
  regions: z.array(regionSchema).min(1, { error: 'must list at least one region' }),
  sources: z.array(sourceSchema).min(1, { error: 'must list at least one source' }),
  output: outputSchema,
  fetch: fetchSchema.prefault({}),
  dedupe: dedupeSchema.prefault({}),
});

/** A region entry after validation, before its countries are resolved. */
export type RawRegion = z.output<typeof regionSchema>;
/** A source entry after validation. */
export type RawSource = z.output<typeof sourceSchema>;
/** The validated file, before regions are resolved. */
export type RawConfig = z.output<typeof configSchema>;

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function unknownAreaMessage(name: string): string {
  const known = [...m49Areas().keys()];
  const near = known.find((area) => area.toLowerCase() === name.toLowerCase());
  if (near) return `unknown UN M49 area "${name}" (did you mean "${near}"?)`;
  return `unknown UN M49 area "${name}"; known areas: ${known.join(', ')}`;
}
