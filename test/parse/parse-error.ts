import { expect } from 'vitest';
import { ParseError } from '../../src/domain/index.ts';
import { parseFeed } from '../../src/parse/index.ts';

/** The ParseError parseFeed throws for a document (bytes, or text encoded as UTF-8); fails if none. */
export function parseError(body: Uint8Array | string, url = 'https://feeds.example.test/feed'): ParseError {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  try {
    parseFeed(bytes, { url });
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('expected a ParseError');
}
