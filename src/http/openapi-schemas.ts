// JSON Schema 2020-12 (OpenAPI 3.1's dialect) of every JSON body the API sends, as api-shapes.ts builds them.

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const uri = { type: 'string', format: 'uri' } as const;
const nullableUri = { type: ['string', 'null'], format: 'uri' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const countryCode = { type: 'string', pattern: '^[A-Z]{2}$' } as const;

function object(properties: Record<string, unknown>, optional: string[] = []) {
  const required = Object.keys(properties).filter((name) => !optional.includes(name));
  return { type: 'object', properties, required, additionalProperties: false };
}

const storyFields = {
  id: { ...string, description: "The first item's id; never changes as copies attach." },
  title: string,
  url: { ...nullableUri, description: 'The original link, tracking parameters removed.' },
  summary: string,
  published: dateTime,
  firstSeen: { ...dateTime, description: 'When wirefeed first stored the story.' },
  author: nullableString,
  image: nullableUri,
  language: nullableString,
  source: ref('SourceName'),
  countries: { type: 'array', items: countryCode },
  regions: { type: 'array', items: string },
  copies: { type: 'array', items: ref('Copy') },
};

/** `components.schemas` of the OpenAPI document. */
export const API_SCHEMAS = {
  Error: object({ error: string, message: { ...string, description: 'One line saying what was wrong.' } }),
  SourceName: object({ id: string, title: string }),
  Copy: object({ source: ref('SourceName'), url: nullableUri, published: dateTime }),
  Story: { ...object(storyFields), description: 'A story as listed: one item per story, however many outlets reported it.' },
  StoryDetail: object({
    ...storyFields,
    contentHtml: { ...nullableString, description: 'Sanitized HTML of the first item.' },
    enclosures: { type: 'array', items: object({ url: uri, type: nullableString, length: { type: ['integer', 'null'] } }) },
    sources: {
      type: 'array',
      items: object({ id: string, title: string, url: nullableUri }),
      description: 'Every outlet that reported it, the first one first.',
    },
    evidence: {
      type: 'array',
      description: 'What the classifier found for each country: where (dateline, title, lead, body, geo, rule …), the text matched, its weight.',
      items: object({ country: countryCode, kind: string, match: string, weight: { type: 'number' } }),
    },
  }),
  StoryResponse: object({ story: ref('StoryDetail') }),
  StoryPage: object(
    {
      region: object({ id: string, title: string }),
      country: object({ code: countryCode, name: string }),
      stories: { type: 'array', items: ref('Story') },
      next: { ...nullableString, description: 'Cursor of the next, older page; null on the last page.' },
      nextUrl: { ...nullableUri, description: "This listing's URL for the next page; null on the last page." },
    },
    ['region', 'country'],
  ),
  FeedLinks: object({ rss: uri, atom: uri, json: uri }),
  Region: object({
    id: string,
    title: string,
    description: string,
    everything: { type: 'boolean', description: 'True for a region that takes every story.' },
    countries: { type: 'array', items: countryCode },
    feeds: ref('FeedLinks'),
    stories: uri,
  }),
  Regions: object({ regions: { type: 'array', items: ref('Region') } }),
  SourceStatus: object({
    id: string,
    title: string,
    url: uri,
    status: {
      enum: ['never-polled', 'ok', 'not-modified', 'failing', 'backing-off', 'retired', 'redirect-pending'],
      description: 'failing: the last poll failed; backing-off: two or more in a row, or the host asked us to wait (Retry-After).',
    },
    lastFetchedAt: nullableDateTime,
    lastSuccessAt: nullableDateTime,
    lastError: nullableString,
    lastStatus: { type: ['integer', 'null'], description: 'HTTP status of the last exchange; null after a transport error.' },
    consecutiveFailures: { type: 'integer', minimum: 0 },
    nextPollAt: nullableDateTime,
    warnings: { type: 'array', items: string },
    itemsSeen: { type: 'integer', minimum: 0 },
    itemsLast24h: { type: 'integer', minimum: 0, description: 'Items published in the last 24 hours, of the last 200 publication times kept.' },
    validators: {
      ...object({ etag: { type: 'boolean' }, lastModified: { type: 'boolean' } }),
      description: 'Which conditional-GET validators the source sends.',
    },
    movedTo: { ...nullableUri, description: 'Polled instead of url after 3 permanent redirects in a row; update the config.' },
    redirect: { oneOf: [{ type: 'null' }, object({ to: uri, polls: { type: 'integer', minimum: 1 } })], description: 'A permanent redirect being counted.' },
    retired: {
      oneOf: [{ type: 'null' }, object({ at: dateTime, url: uri, status: { type: 'integer' } })],
      description: 'Gone (410): not polled until its config entry names another URL.',
    },
    hostRetryAfterUntil: nullableDateTime,
    websub: {
      description: 'The WebSub subscription pushing this source, or null.',
      oneOf: [
        object({ hub: uri, topic: uri, status: { enum: ['pending', 'active', 'denied'] }, leaseUntil: nullableDateTime, reason: nullableString }),
        { type: 'null' },
      ],
    },
  }),
  ConfigStatus: object(
    {
      file: string,
      loadedAt: dateTime,
      error: { ...string, description: 'Why the file on disk does not load now (file:line); the running config is the previous one.' },
    },
    ['error'],
  ),
  Sources: object({ sources: { type: 'array', items: ref('SourceStatus') }, config: ref('ConfigStatus') }, ['config']),
  Health: {
    oneOf: [
      object({ status: { const: 'ok' }, stories: { type: 'integer', minimum: 0 }, config: ref('ConfigStatus') }, ['config']),
      object({ status: { const: 'error' }, reason: string, config: ref('ConfigStatus') }, ['config']),
    ],
  },
  Readiness: object({
    ready: { type: 'boolean' },
    reasons: { type: 'array', items: string, description: 'Why not ready (config, store, polls); empty when ready.' },
    lastPollAt: { ...nullableDateTime, description: 'When a worker last completed a poll, as the store holds it.' },
  }),
} as const;
