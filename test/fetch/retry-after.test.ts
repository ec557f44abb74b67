import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../src/fetch/retry-after.ts';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('retryAfterSeconds', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Sun, 01 Mar 2026 12:01:30 GMT', 90],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['604800', 86_400],
    ['Sun, 08 Mar 2026 12:00:00 GMT', 86_400],
    ['soon', undefined],
    ['-5', undefined],
    [undefined, undefined],
  ])('reads %s as %s seconds', (value, seconds) => {
    expect(retryAfterSeconds(value, NOW)).toBe(seconds);
  });
});
