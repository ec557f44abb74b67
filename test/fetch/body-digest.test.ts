import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyDigest, buildUserAgent } from '../../src/fetch/index.ts';

describe('bodyDigest', () => {
  it('is the first 22 characters of the base64url sha256, equal for equal bytes and different otherwise', () => {
    // sha256("abc") = ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0
    expect(bodyDigest(new TextEncoder().encode('abc'))).toBe('ungWv48Bz-pBQUDeXa4iI7');
    expect(bodyDigest(Buffer.from('abc'))).toBe(bodyDigest(new Uint8Array([0x61, 0x62, 0x63])));
    expect(bodyDigest(Buffer.from('abd'))).not.toBe(bodyDigest(Buffer.from('abc')));
  });
});

describe('buildUserAgent', () => {
  it('names wirefeed, the version of package.json and the contact URL', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(buildUserAgent(version, 'https://newsroom.example.test/about')).toBe(`wirefeed/${version} (+https://newsroom.example.test/about)`);
  });
});
