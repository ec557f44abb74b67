import { createHash } from 'node:crypto';

/** A short digest of a body (sha256, base64url, 22 characters = 132 bits): equal digests mean an identical document. */
export function bodyDigest(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}
