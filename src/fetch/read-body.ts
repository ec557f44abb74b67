import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { tooLargeError } from './fetch-errors.ts';
import { header } from './response-hints.ts';

/**
 * Reads a response body chunk by chunk, decompressed, and stops as soon as it passes `maxBytes`, so a
 * huge, endless or highly compressed body (a "bomb") costs at most `maxBytes` of memory.
 */
export async function readBody(response: Dispatcher.ResponseData, maxBytes: number, url: string): Promise<Uint8Array> {
  const decoder = decoderFor(header(response.headers, 'content-encoding'));
  const source: Readable = decoder ? pipeline(response.body, decoder, () => undefined) : response.body;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      // Destroying the body closes the connection: the rest is never downloaded.
      response.body.destroy();
      decoder?.destroy();
      throw tooLargeError(url, maxBytes, response.statusCode);
    }
    chunks.push(chunk);
  }
  return concat(chunks, total);
}

// undici's request() hands over the bytes as sent; we ask for gzip, deflate and br, so we undo them.
function decoderFor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function concat(chunks: Buffer[], total: number): Uint8Array {
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only) return new Uint8Array(only.buffer, only.byteOffset, only.byteLength);
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
