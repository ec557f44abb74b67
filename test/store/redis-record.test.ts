import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/domain/index.ts';
import { bandField } from '../../src/store/redis/redis-fingerprints.ts';
import { decodeRecord, encodeRecord } from '../../src/store/redis/redis-record.ts';
import { makeStory } from './make-story.ts';

function roundTrip(story: Story): Story {
  const scores = { published: Date.parse(story.item.published), firstSeen: Date.parse(story.firstSeen) };
  return decodeRecord(story.id, encodeRecord(story, scores, 0, [], true)).story();
}

describe('redis story record', () => {
  const base = makeStory({ id: 'r1' });
  const variants: [string, Partial<Story['item']>][] = [
    ['guid and url as the flags expect', {}],
    ['a guid that is not the url', { guid: 'urn:tass:1' }],
    ['a guid equal to the link', { guid: base.item.link }],
    ['a url that is the link with its query kept', { link: 'https://tass.com/a?id=3', url: 'https://tass.com/a?id=3' }],
    ['a url that differs from the link less utm_', { link: 'https://tass.com/a?utm_source=x&id=3', url: 'https://tass.com/a' }],
    ['a link of only utm_ parameters and no url', { link: 'https://tass.com/a?utm_source=x', url: undefined }],
    ['no link, guid equal to url', { link: undefined }],
    ['no guid, no link, no url', { guid: undefined, link: undefined, url: undefined }],
  ];
  for (const [name, change] of variants) {
    it(`round-trips ${name}`, () => {
      const item = { ...base.item, ...change };
      for (const key of Object.keys(change) as (keyof typeof item)[]) if (item[key] === undefined) delete item[key];
      const story = { ...base, item };
      expect(roundTrip(story)).toStrictEqual(story);
    });
  }
  for (const firstSeen of ['2026-02-07T09:59:59.999Z', '2026-03-30T10:00:00.000Z', '2019-01-01T00:00:00.001Z', '+100000-01-01T00:00:00.000Z']) {
    it(`round-trips first seen ${firstSeen} (in the head when near published, else in the tail)`, () => {
      const story = { ...base, firstSeen };
      const scores = { published: Date.parse(story.item.published), firstSeen: Date.parse(firstSeen) };
      const { head, story: decoded } = decodeRecord(story.id, encodeRecord(story, scores, 5, [Buffer.alloc(10, 7)], false));
      expect(decoded()).toStrictEqual(story);
      expect([head.firstSeen, head.published, head.fingerprintExpiry, head.claims]).toEqual([scores.firstSeen, scores.published, 5, [Buffer.alloc(10, 7)]]);
    });
  }
});

describe('band fields', () => {
  it('packs dedupe band keys into 5 distinct bytes and leaves other keys as they are', () => {
    const keys = ['0', '00', '01', '1z', '9zzzzzz', '3zzzzzzz', '3' + (0xffffffff).toString(36), '0abc', '001', 't1z141z3', 'tabc', 'x1'];
    const fields = keys.map(bandField);
    expect([1, 2, 3, 4, 6, 7].every((i) => Buffer.isBuffer(fields[i]) && fields[i].length === 5)).toBe(true);
    expect(fields[0]).toBe('0');
    expect(fields[5]).toBe('3zzzzzzz');
    expect(fields[8]).toBe('001');
    expect([fields[9], fields[10]].every((f) => Buffer.isBuffer(f) && f.length === 5)).toBe(true);
    expect(fields[11]).toBe('x1');
    expect(new Set(fields.map((f) => (Buffer.isBuffer(f) ? f.toString('hex') : f))).size).toBe(keys.length);
    expect(bandField('kn')).toBe('kn');
  });
});
