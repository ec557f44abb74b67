import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/domain/index.ts';
import { normalizeFeed } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const SOURCE: Source = {
  id: 's',
  url: 'https://feeds.example.test/rss',
  title: 'S',
  language: 'en',
  defaultCountries: [],
  defaultRegions: [],
  pollIntervalMinutes: 10,
};

function published(pubDate: string): [string, string | undefined] {
  const xml = `<rss version="2.0"><channel><title>T</title><item><title>a</title><link>https://x.test/a</link><pubDate>${pubDate}</pubDate></item></channel></rss>`;
  const [item] = normalizeFeed(parseFeed(new TextEncoder().encode(xml), { url: SOURCE.url }), SOURCE, NOW);
  return [item!.published, item!.dateFallback];
}

describe('normalizeFeed: dates in many languages and shapes', () => {
  it.each([
    ['Tue, 15 Nov 2022 20:15:04 Z', '2022-11-15T20:15:04.000Z'],
    ['Вт, 5 марта 2024 10:00:00 +0300', '2024-03-05T07:00:00.000Z'],
    ['пн, 12 фев 2024 08:00 MSK', '2024-02-12T05:00:00.000Z'],
    ['lundi 3 juillet 2023 08:30 +0200', '2023-07-03T06:30:00.000Z'],
    ['mer., 7 févr. 2024 12:00:00 +0100', '2024-02-07T11:00:00.000Z'],
    ['Mi, 4. Dez 2024 12:00:00 +0100', '2024-12-04T11:00:00.000Z'],
    ['Do, 07 März 2024 09:15:00 +0100', '2024-03-07T08:15:00.000Z'],
    ['miércoles, 10 abril 2024 09:00:00 GMT', '2024-04-10T09:00:00.000Z'],
    ['sáb, 02 ene 2021 18:30:00 -0500', '2021-01-02T23:30:00.000Z'],
    ['qua, 10 set 2025 14:00:00 -0300', '2025-09-10T17:00:00.000Z'],
    ['sex, 05 out 2018 07:00:00 -0300', '2018-10-05T10:00:00.000Z'],
    ['gio, 12 gen 2023 07:00:00 +0100', '2023-01-12T06:00:00.000Z'],
    ['mar, 15 nov 2022 20:15:04 +0100', '2022-11-15T19:15:04.000Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z'],
    ['1700000000123', '2023-11-14T22:13:20.123Z'],
    // Spanish and Portuguese long dates, with and without a time (no zone is UTC).
    ['martes, 2 de marzo de 2021 23:39', '2021-03-02T23:39:00.000Z'],
    ['martes, 2 de marzo de 2021', '2021-03-02T00:00:00.000Z'],
    ['2 de março de 2021 23:39', '2021-03-02T23:39:00.000Z'],
    ['terça-feira, 2 de março de 2021', '2021-03-02T00:00:00.000Z'],
    // Month first with a 12-hour clock: 12 AM is midnight, 12 PM noon.
    ['Mar 2, 2021 11:39 PM', '2021-03-02T23:39:00.000Z'],
    ['Mar 2, 2021 11:39 AM', '2021-03-02T11:39:00.000Z'],
    ['Mar 2, 2021 12:05 AM', '2021-03-02T00:05:00.000Z'],
    ['Mar 2, 2021 12:05 PM', '2021-03-02T12:05:00.000Z'],
    ['March 2, 2021 1:05 p.m.', '2021-03-02T13:05:00.000Z'],
    ['Sat, Dec 16 2023 02:02:33 PM', '2023-12-16T14:02:33.000Z'],
    // JavaScript's Date string, with and without its zone comment; RFC 822 with one.
    ['Tue Mar 02 2021 23:39:15 GMT+0100', '2021-03-02T22:39:15.000Z'],
    ['Tue Mar 02 2021 23:39:15 GMT+0100 (Central European Standard Time)', '2021-03-02T22:39:15.000Z'],
    ['Tue, 02 Mar 2021 23:39:15 +0100 (CET)', '2021-03-02T22:39:15.000Z'],
    ['Tue, 02 Mar 2021 23:39:15 GMT+3', '2021-03-02T20:39:15.000Z'],
    ['Tue, 02 Mar 2021 23:39:15 UTC+03:00', '2021-03-02T20:39:15.000Z'],
    ['Tue, 02 Mar 2021 23:39:15 GMT-0530', '2021-03-03T05:09:15.000Z'],
    ['02-Mar-2021', '2021-03-02T00:00:00.000Z'],
    ['02-Mar-2021 23:39', '2021-03-02T23:39:00.000Z'],
    ['Thu, 29 Feb 2024 10:00:00 GMT', '2024-02-29T10:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(published(raw)).toEqual([iso, undefined]);
  });

  it.each([
    '31 Feb 2021 10:00',
    'Sun, 29 Feb 2023 10:00:00 GMT',
    'Tue, 02 Mar 2021 25:00:00 GMT',
    'Tue, 02 Mar 2021 10:70:00 GMT',
    '2021-02-31T10:00:00Z',
    '2021-03-02T25:00:00Z',
    '2021-03-02T10:70:00Z',
    'Mar 2, 2021 13:05 PM',
    'Mar 2, 2021 0:05 AM',
    'Tue, 02 Mar 2021 23:39:15 GMT+15',
  ])('never rolls the impossible date %s into another: first seen instead', (raw) => {
    expect(published(raw)).toEqual(['2026-03-01T12:00:00.000Z', 'first-seen']);
  });

  it('falls back to the time first seen for a name in no listed language', () => {
    expect(published('Mon, 16 Foo 2017 10:00 +0000')).toEqual(['2026-03-01T12:00:00.000Z', 'first-seen']);
  });

  it('reads the Italian Il Giornale feed and the German heise Atom feed', () => {
    const read = (path: string) =>
      normalizeFeed(parseFeed(readFileSync(new URL(`../fixtures/feeds/${path}`, import.meta.url)), { url: SOURCE.url }), SOURCE, NOW);
    expect(read('news/feed-rs__ilgiornale.xml')[0]?.published).toBe('2022-11-15T20:15:04.000Z');
    const heise = read('news/rss-parser__heise.atom');
    expect(heise[0]?.published).toBe('2016-02-01T16:22:00.000Z');
    expect(heise.every((item) => item.dateFallback === undefined)).toBe(true);
  });
});
