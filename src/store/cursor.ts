import { QueryError } from '../domain/index.ts';
import type { IndexEntry } from './story-order.ts';

// A cursor names the last entry of a page (score and id) rather than an offset, so a page
// boundary stays put when newer stories arrive, and ties on the score are split by id.

/** Encodes the last entry of a page as an opaque cursor. */
export function encodeCursor(entry: IndexEntry): string {
  return Buffer.from(`${entry.score}:${entry.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor; one this store did not issue is a QueryError. */
export function decodeCursor(cursor: string): IndexEntry {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const score = Number(text.slice(0, colon));
  const id = text.slice(colon + 1);
  if (colon <= 0 || !Number.isFinite(score) || id === '' || encodeCursor({ score, id }) !== cursor) {
    throw new QueryError(`store: "${cursor.slice(0, 40)}" is not a cursor this store issued`);
  }
  return { score, id };
}
