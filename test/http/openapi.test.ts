// Checks the OpenAPI 3.1 document against what each route really returns: every response's status
// is documented for its path, and its body is valid against the document's own schema (ajv, JSON Schema 2020-12).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.ts';
import { jsonOf, startTestApp, type TestApp } from './test-app.ts';
import { seedSourceStates } from './source-states.ts';

interface Operation {
  parameters?: ({ $ref: string } | { name: string; in: string })[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref: string } }> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, { get: Operation }>;
  components: { parameters: Record<string, { name: string; in: string }>; schemas: Record<string, object> };
}

let app: TestApp;
let doc: OpenApi;
let ajv: Ajv2020;
const exercised = new Set<string>();

beforeAll(async () => {
  app = await startTestApp({
    configStatus: () => ({ file: 'feeds.yaml', loadedAt: '2026-02-07T12:00:00.000Z', error: 'feeds.yaml:3: sources[0].url: invalid URL' }),
    metrics: createMetrics(),
  });
  await seedSourceStates(app.store);
  await app.store.markPolled(new Date());
  doc = await jsonOf<OpenApi>(await app.get('/api/openapi.json'));
  ajv = new Ajv2020({ allErrors: true });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value));
  // The document's own keywords outside its schemas are not JSON Schema: ajv is told to pass them by.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components']);
  ajv.addSchema(doc as unknown as object, 'openapi');
});
afterAll(() => app.close());

function templateOf(path: string): string {
  const pathname = new URL(path, 'http://x').pathname;
  const template = Object.keys(doc.paths).find((candidate) => new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname));
  if (!template) throw new Error(`no path in the document for ${pathname}`);
  return template;
}

function queryNames(operation: Operation): Set<string> {
  return new Set(
    (operation.parameters ?? [])
      .map((p) => ('$ref' in p ? doc.components.parameters[p.$ref.split('/').at(-1) ?? ''] : p))
      .filter((p) => p?.in === 'query')
      .map((p) => p?.name ?? ''),
  );
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/stories');
  });

  it.each([
    ['/api/stories?limit=2', 200],
    ['/api/stories?region=russia,asia-pacific&country=JP&source=nhk&lang=en&q=typhoon&since=2025-01-01&limit=50', 200],
    ['/api/stories?limit=1000', 400],
    ['/api/stories?cursor=bm9wZQ', 400],
    ['/api/regions/russia/stories', 200],
    ['/api/regions/asia-pacific/stories?country=JP,AU&limit=1', 200],
    ['/api/regions/mars/stories', 404],
    ['/api/countries/jp/stories', 200],
    ['/api/countries/zz/stories', 404],
    ['/api/stories/nhk-0002', 200],
    ['/api/stories/tass-0001', 200],
    ['/api/stories/nope', 404],
    ['/api/regions', 200],
    ['/regions', 200],
    ['/api/sources', 200],
    ['/healthz', 200],
    // The config's failed edit makes it not ready.
    ['/readyz', 503],
    ['/api/openapi.json', 200],
  ] as const)('%s answers %i as the document says', async (path, status) => {
    const response = await app.get(path);
    expect(response.status).toBe(status);
    const template = templateOf(path);
    exercised.add(template);
    const operation = doc.paths[template]?.get as Operation;
    for (const name of new URL(path, 'http://x').searchParams.keys()) expect(queryNames(operation), `${template} ?${name}`).toContain(name);
    const documented = operation.responses[String(status)];
    expect(documented, `${template} ${status}`).toBeDefined();
    const content = documented?.content?.['application/json'];
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body: unknown = await response.json();
    if (!content?.schema) return;
    // The document's refs are relative to it: resolved inside the document as ajv holds it.
    const validate = ajv.getSchema(`openapi${content.schema.$ref}`);
    if (!validate) throw new Error(`no schema ${content.schema.$ref}`);
    expect(validate(body) ? [] : validate.errors, `${path} against ${template} ${status}`).toEqual([]);
  });

  it('documents a 304 for every cached route', async () => {
    const etag = (await app.get('/api/stories')).headers.get('etag') ?? '';
    expect((await app.get('/api/stories', { 'If-None-Match': etag })).status).toBe(304);
    expect(doc.paths['/api/stories']?.get.responses['304']).toBeDefined();
  });

  it('describes /metrics with the content type it is served as', async () => {
    const response = await app.get('/metrics');
    expect(response.status).toBe(200);
    exercised.add(templateOf('/metrics'));
    const documented = Object.keys(doc.paths['/metrics']?.get.responses['200']?.content ?? {});
    expect(documented).toEqual([response.headers.get('content-type')]);
  });

  it('has no path that no test above exercised', () => {
    expect(Object.keys(doc.paths).filter((path) => !exercised.has(path))).toEqual([]);
  });
});
