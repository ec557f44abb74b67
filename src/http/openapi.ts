import type { Catalog } from './catalog.ts';
import { API_SCHEMAS } from './openapi-schemas.ts';

const JSON_TYPE = 'application/json';

const json = (schema: string, description: string) => ({
  description,
  content: { [JSON_TYPE]: { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const error = (description: string) => json('Error', description);
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });

const CACHED = {
  '304': { description: 'Not modified: the ETag given in If-None-Match (or the If-Modified-Since time) is current.' },
};
const FAILURES = { '503': error('The store failed.') };

function listing(summary: string, extra: object[], pathParams: object[] = []) {
  return {
    get: {
      summary,
      parameters: [...pathParams, ...extra, param('source'), param('lang'), param('q'), param('since'), param('limit'), param('cursor')],
      responses: {
        '200': json('StoryPage', 'A page of stories, newest published first.'),
        ...CACHED,
        '400': error('A bad parameter or a cursor this listing did not issue.'),
        ...(pathParams.length ? { '404': error('No such region or country.') } : {}),
        ...FAILURES,
      },
    },
  };
}

function list(description: string, values: string[] | undefined, pattern?: string) {
  const item = values ? { type: 'string', enum: values } : { type: 'string', ...(pattern ? { pattern } : {}) };
  return { in: 'query', required: false, description, style: 'form', explode: false, schema: { type: 'array', items: item, maxItems: 10 } };
}

/** The OpenAPI 3.1 document of the JSON API, with this service's regions and sources as enums. */
export function openApiDocument(catalog: Catalog, maxLimit: number) {
  const regions = catalog.regions.map((region) => region.id);
  const pathParam = (name: string, description: string, schema: object) => ({ name, in: 'path', required: true, description, schema });
  return {
    openapi: '3.1.0',
    info: {
      title: 'wirefeed API',
      version: '1',
      description:
        'Deduplicated news-wire stories classified by country and region. Every list filter takes a comma-separated list meaning any of its values; ' +
        'different parameters combine with AND. Pages are walked with the `next` cursor: no gap and no repeat while new stories arrive. ' +
        'Responses carry a strong ETag and Last-Modified and answer conditional requests with 304.',
    },
    servers: [{ url: catalog.url('') || '/' }],
    paths: {
      '/api/stories': listing('Stories matching every filter given.', [param('region'), param('country')]),
      '/api/regions/{region}/stories': listing(
        "A region's stories.",
        [param('country')],
        [pathParam('region', 'A region id.', { type: 'string', enum: regions })],
      ),
      '/api/countries/{cc}/stories': listing(
        'Stories about one country.',
        [],
        [pathParam('cc', 'ISO 3166-1 alpha-2, any case.', { type: 'string', pattern: '^[A-Za-z]{2}$' })],
      ),
      '/api/stories/{id}': {
        get: {
          summary: 'One story with its content, every outlet that reported it, its countries, regions and the classification evidence.',
          parameters: [pathParam('id', 'A story id.', { type: 'string' })],
          responses: { '200': json('StoryResponse', 'The story.'), ...CACHED, '404': error('No such story (or it expired).'), ...FAILURES },
        },
      },
      '/api/regions': { get: { summary: 'Every region with its countries and feeds.', responses: { '200': json('Regions', 'The regions.'), ...CACHED } } },
      '/regions': { get: { summary: 'The same as /api/regions.', responses: { '200': json('Regions', 'The regions.'), ...CACHED } } },
      '/api/sources': {
        get: { summary: 'Each configured source with its last poll.', responses: { '200': json('Sources', 'The sources.'), ...FAILURES } },
      },
      '/healthz': {
        get: {
          summary: 'Health of the service and its store.',
          responses: { '200': json('Health', 'Healthy.'), '503': json('Health', 'The store failed.') },
        },
      },
      '/readyz': {
        get: {
          summary:
            'Readiness: the config file loaded, the store answers, and a worker completed a poll recently (within three times the shortest poll interval, at least 10 minutes).',
          responses: { '200': json('Readiness', 'Ready.'), '503': json('Readiness', 'Not ready, with the reasons.') },
        },
      },
      '/metrics': {
        get: {
          summary: "The process's metrics in the Prometheus text format (polls, fetches, stories, store, HTTP, render cache, queue, process).",
          responses: { '200': { description: 'Prometheus text format 0.0.4.', content: { 'text/plain; version=0.0.4; charset=utf-8': {} } } },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document.', responses: { '200': { description: 'OpenAPI 3.1.', content: { [JSON_TYPE]: {} } } } } },
    },
    components: {
      parameters: {
        region: { name: 'region', ...list('Region ids: stories in any of them.', regions) },
        country: { name: 'country', ...list('ISO 3166-1 alpha-2 codes, any case: stories about any of them.', undefined, '^[A-Za-z]{2}$') },
        source: { name: 'source', ...list('Source ids: stories any of them reported, first or as a copy.', [...catalog.sources.keys()]) },
        lang: { name: 'lang', ...list('Language tags of the first item, e.g. en: any of them.', undefined, '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$') },
        q: {
          name: 'q',
          in: 'query',
          required: false,
          description: 'Words that must all appear in the title or summary, case- and accent-insensitive.',
          schema: { type: 'string', maxLength: 200 },
        },
        since: {
          name: 'since',
          in: 'query',
          required: false,
          description: 'Only stories published at or after this time (ISO 8601).',
          schema: { type: 'string' },
        },
        limit: { name: 'limit', in: 'query', required: false, description: 'Stories per page.', schema: { type: 'integer', minimum: 1, maximum: maxLimit } },
        cursor: {
          name: 'cursor',
          in: 'query',
          required: false,
          description: 'The `next` of the previous page of the same listing.',
          schema: { type: 'string', minLength: 1 },
        },
      },
      schemas: API_SCHEMAS,
    },
  };
}
