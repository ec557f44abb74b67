import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A path into the parsed file, as zod reports it: keys and list indexes. */
export type ConfigPath = readonly PropertyKey[];

/** One problem found in the file, before it is given a line. */
export interface ConfigIssue {
  path: ConfigPath;
  message: string;
}

/**
 * The 1-based line of the deepest node of `path` that exists in the document: a key's own line
 * for a mapping entry, the item's first line for a list entry. A missing key points at its parent.
 */
export function lineOf(doc: Document, lineCounter: LineCounter, path: ConfigPath): number {
  let node: unknown = doc.contents;
  let offset = isNodeWithRange(node) ? node.range[0] : 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
      if (!pair) break;
      if (isNodeWithRange(pair.key)) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (!isNodeWithRange(item)) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}

/** `sources[3].url` for ['sources', 3, 'url']; the empty path is the file's top level. */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return '(top level)';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

function isNodeWithRange(value: unknown): value is { range: [number, number, number] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { range?: unknown }).range);
}
