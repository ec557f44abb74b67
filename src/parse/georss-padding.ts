// feedsmith reads a GeoRSS point, line, polygon or box only when its text has no whitespace around
// it: " 36.9 31.1 " splits into four parts and is dropped. GeoRSS Simple allows the padding and
// feeds written by hand use it, so the coordinates are trimmed before parsing (the point is kept
// for classification). Only documents that mention GeoRSS pay for the scan.
const PADDED = /(<(georss:(?:point|line|polygon|box))\b[^>]*>)\s*([^<]*?)\s*(<\/\2\s*>)/g;

/** The document with whitespace around GeoRSS coordinates removed. */
export function trimGeoRss(text: string): string {
  return text.includes('georss:') ? text.replace(PADDED, '$1$3$4') : text;
}
