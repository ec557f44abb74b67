import { Counter, Histogram, type Registry } from 'prom-client';

/** One answered request: the route pattern that answered it (never the URL), its method and status. */
export interface RequestObservation {
  /** The Express route (`/feeds/:file`), or `unmatched` when no route answered. */
  route: string;
  method: string;
  status: number;
  seconds: number;
}

/** What the HTTP app records into. */
export interface HttpMetrics {
  recordRequest(request: RequestObservation): void;
  /** A render-cache lookup: the response was there for this version, or had to be rendered. */
  recordCacheLookup(hit: boolean): void;
}

// Any other method is answered 405: a client's made-up method must not become a label value.
const METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'POST']);

/** HTTP requests by route, method and status, their latency by route, and render-cache lookups. */
export function httpMetrics(registry: Registry): HttpMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'wirefeed_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const seconds = new Histogram({
    name: 'wirefeed_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern.',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const lookups = new Counter({
    name: 'wirefeed_render_cache_lookups_total',
    help: 'Render-cache lookups, by result (hit: no store scan and no render).',
    labelNames: ['result'] as const,
    registers,
  });
  return {
    recordRequest({ route, method, status, seconds: taken }) {
      requests.inc({ route, method: METHODS.has(method) ? method : 'other', status: String(status) });
      seconds.observe({ route }, taken);
    },
    recordCacheLookup: (hit) => lookups.inc({ result: hit ? 'hit' : 'miss' }),
  };
}
