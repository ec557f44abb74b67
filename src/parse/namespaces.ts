import type { GeoNs, GeoRssNs, MediaNs } from 'feedsmith';
import type { GeoPoint } from '../domain/index.ts';
import type { RawImage } from './types.ts';

type MediaContent = MediaNs.Content;

/** Pictures an entry offers as image media:content (in groups too), with their widths, in document order. */
export function mediaPictures(media: MediaNs.ItemOrFeed | undefined): RawImage[] {
  return mediaContents(media).flatMap((content) => {
    if (!content.url?.trim() || !isImage(content)) return [];
    const width = content.width !== undefined && Number.isFinite(content.width) && content.width > 0 ? content.width : undefined;
    return [width === undefined ? { url: content.url.trim() } : { url: content.url.trim(), width }];
  });
}

/** Thumbnail URLs an entry offers through Media RSS: its own, its groups', its contents' (a video's still). */
export function mediaThumbnails(media: MediaNs.ItemOrFeed | undefined): string[] {
  if (!media) return [];
  const holders = [media, ...(media.groups ?? []), ...mediaContents(media)];
  return unique(holders.flatMap((holder) => (holder.thumbnails ?? []).map((thumbnail) => thumbnail.url)));
}

function mediaContents(media: MediaNs.ItemOrFeed | undefined): MediaContent[] {
  if (!media) return [];
  return [...(media.contents ?? []), ...(media.groups ?? []).flatMap((group) => group.contents ?? [])];
}

// Many publishers (the Guardian among them) omit medium and type; the file name still tells.
function isImage(content: MediaContent): boolean {
  if (content.medium || content.type) return content.medium === 'image' || (content.type?.startsWith('image/') ?? false);
  return /\.(?:jpe?g|png|gif|webp|avif)$/i.test(content.url?.split(/[?#]/)[0] ?? '');
}

/** The entry's point from GeoRSS Simple or W3C Basic Geo, when it has valid coordinates. */
export function geoPoint(georss: GeoRssNs.ItemOrFeed | undefined, geo: GeoNs.ItemOrFeed | undefined): GeoPoint | undefined {
  const point = georss?.point;
  if (point) return validPoint(point.lat, point.lng);
  return validPoint(geo?.lat, geo?.long);
}

const RDF_ITEM = /<item\b[^>]*?rdf:about\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/item>/g;
const W3C_LAT = /<geo:lat>\s*([-+\d.]+)\s*<\/geo:lat>/;
const W3C_LONG = /<geo:long>\s*([-+\d.]+)\s*<\/geo:long>/;

/** W3C Basic Geo points of RDF items by rdf:about (feedsmith reads them in RSS and Atom, not in RDF). */
export function rdfGeoPoints(text: string): Map<string, GeoPoint> {
  const points = new Map<string, GeoPoint>();
  if (!text.includes('<geo:lat')) return points;
  for (const [, about, body] of text.matchAll(RDF_ITEM)) {
    const point = validPoint(Number(W3C_LAT.exec(body!)?.[1] ?? NaN), Number(W3C_LONG.exec(body!)?.[1] ?? NaN));
    if (point) points.set(about!, point);
  }
  return points;
}

function validPoint(lat: number | undefined, lon: number | undefined): GeoPoint | undefined {
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

/** Non-empty strings, each once, in first-seen order. */
export function unique(values: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

/** Plain text as HTML, so every RawEntry text field has one meaning. */
export function escapeText(text: string | undefined): string | undefined {
  return text?.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
