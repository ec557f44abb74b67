// feedsmith reads a GeoRSS point, line, polygon or box only when its text has no whitespace around
// it: " 36.9 31.1 " splits into four parts and is dropped. GeoRSS Simple allows the padding and
// feeds written by hand use it, so the coordinates are trimmed before parsing (the point is kept
// for classification). Only documents that declare the prefix near their start (on the root, where
// feeds declare namespaces) pay for a scan: searching every large feed for it cost 2% of parsing.
const PADDED = /(<(georss:(?:point|line|polygon|box))\b[^>]*>)\s*([^<]*?)\s*(<\/\2\s*>)/g;
const HEAD = 8192;

/** The document with whitespace around GeoRSS coordinates removed. */
export function trimGeoRss(text: string): string {
  return text.slice(0, HEAD).includes('xmlns:georss') ? text.replace(PADDED, '$1$3$4') : text;
}
