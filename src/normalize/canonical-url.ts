// Query parameters that only track the reader, never choose the page. Names, then name prefixes.
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'gclsrc', 'dclid', 'yclid', 'msclkid', 'mc_cid', 'mc_eid', 'ocid', 'cmpid', 'igshid']);
const TRACKING_PREFIXES = ['utm_', 'at_', 'ns_'];

/** An absolute http(s) URL for `href` resolved against `base` (file: only under a file: base), else undefined. */
export function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    // A local document (wirefeed parse FILE) may link relatively to other local paths.
    const local = url.protocol === 'file:' && base?.startsWith('file:') === true;
    return web || local ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The canonical form of an absolute URL: lower-case scheme and host and no default port (WHATWG URL
 * does both), no fragment, no tracking parameters. The remaining query keeps its order and bytes.
 */
export function canonicalUrl(href: string): string {
  const url = new URL(href);
  url.hash = '';
  // Filtering the raw query rather than URLSearchParams keeps "%20" from turning into "+".
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair.split('=')[0] ?? ''));
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href;
}

function isTracking(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    // A malformed escape is not a tracking parameter we know; keep it as it is.
  }
  name = name.toLowerCase();
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}
