import type { IncomingHttpHeaders } from 'node:http';
import type { ResponseHints } from './types.ts';

/** One header's value; repeated headers (Link) are joined with commas, as HTTP allows. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** How soon the publisher wants to be asked again, and the WebSub hubs it names in Link headers. */
export function responseHints(status: number, headers: IncomingHttpHeaders, url: string): ResponseHints {
  const links = parseLinks(header(headers, 'link') ?? '', url);
  return {
    status,
    maxAgeSeconds: maxAge(header(headers, 'cache-control')),
    expiresAt: httpDate(header(headers, 'expires')),
    hubs: links.filter((link) => link.rel.includes('hub')).map((link) => link.href),
    self: links.find((link) => link.rel.includes('self'))?.href,
  };
}

// s-maxage speaks for shared caches, which an aggregator is; max-age otherwise. no-cache/no-store say nothing about polling.
function maxAge(cacheControl: string | undefined): number | undefined {
  if (!cacheControl) return undefined;
  const directives = new Map(
    cacheControl.split(',').map((part) => {
      const [name = '', value = ''] = part.trim().split('=');
      return [name.toLowerCase(), value.replace(/^"|"$/g, '')] as const;
    }),
  );
  const seconds = Number(directives.get('s-maxage') ?? directives.get('max-age'));
  return Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}

function httpDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

interface Link {
  href: string;
  rel: string[];
}

// RFC 8288 Link header, enough of it for rel="hub" and rel="self": `<url>; rel="a b", <url>; rel=c`.
function parseLinks(header: string, base: string): Link[] {
  const links: Link[] = [];
  for (const match of header.matchAll(/<([^>]*)>([^,<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const href = resolve(match[1] ?? '', base);
    if (rel && href) links.push({ href, rel: (rel[1] ?? rel[2] ?? '').toLowerCase().split(/\s+/) });
  }
  return links;
}

function resolve(href: string, base: string): string | undefined {
  try {
    return new URL(href, base || undefined).href;
  } catch {
    return undefined;
  }
}
