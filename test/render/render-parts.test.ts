import { describe, expect, it } from 'vitest';
import { distinctStamps } from '../../src/render/dates.ts';
import { cdata, element, emptyElement, xml, xmlPlainText } from '../../src/render/markup.ts';
import { mediaTypeOf } from '../../src/render/media-type.ts';

describe('markup', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['AT&T <b> "q"', 'AT&amp;T &lt;b&gt; "q"', 'AT&#x26;T &#x3C;b&#x3E; "q"'],
    ['bell\u0007 form\u000c feed', 'bell form feed', 'bell form feed'],
    ['lone \ud800 surrogate, pair 🌀', 'lone  surrogate, pair 🌀', 'lone  surrogate, pair 🌀'],
    ['tab\tnew\nline', 'tab\tnew\nline', 'tab\tnew\nline'],
  ])('escapes %j for XML text and for plain text', (input, asXml, asPlain) => {
    expect([xml(input), xmlPlainText(input)]).toEqual([asXml, asPlain]);
  });

  it('writes HTML as CDATA, splitting a "]]>" and dropping characters XML forbids', () => {
    expect(cdata('<p>a]]>b\u0000</p>')).toBe('<![CDATA[<p>a]]]]><![CDATA[>b</p>]]>');
  });

  it('escapes attributes and leaves out undefined ones', () => {
    expect(element('source', 'T&S', { url: 'https://x.test/?a=1&b="2"', skip: undefined })).toBe(
      '<source url="https://x.test/?a=1&amp;b=&quot;2&quot;">T&amp;S</source>',
    );
    expect(emptyElement('enclosure', { url: 'https://x.test/a.mp3', length: 0 })).toBe('<enclosure url="https://x.test/a.mp3" length="0"/>');
  });
});

describe('mediaTypeOf', () => {
  it.each([
    ['https://x.test/news.mp3', undefined, 'audio/mpeg'],
    ['https://x.test/NEWS.MP3?token=1#t', undefined, 'audio/mpeg'],
    ['https://x.test/photo.jpg', undefined, 'image/jpeg'],
    ['https://x.test/clip.m4a', undefined, 'audio/mp4'],
    ['https://x.test/photo.jpg', 'image/jpg', 'image/jpg'],
    ['https://x.test/file', 'audio/mpeg; codecs=mp3', 'audio/mpeg; codecs=mp3'],
    ['https://x.test/song.mp3', 'mp3', 'audio/mpeg'],
    ['https://x.test/file.bin', undefined, undefined],
    ['https://x.test/dir.v2/file', undefined, undefined],
  ])('%s typed %j is %j', (url, given, expected) => {
    expect(mediaTypeOf(url, given)).toBe(expected);
  });
});

describe('distinctStamps', () => {
  it('keeps unshared instants, and gives the entries that share one microseconds by id', () => {
    const at = (iso: string) => new Date(iso);
    const dates = [at('2025-05-03T09:00:00Z'), at('2025-05-03T08:00:00Z'), at('2025-05-03T08:00:00Z'), at('2025-05-03T08:00:00Z')];
    expect(distinctStamps(dates, ['a', 'z', 'b', 'm'])).toEqual([
      '2025-05-03T09:00:00.000Z',
      '2025-05-03T08:00:00.000002Z',
      '2025-05-03T08:00:00.000Z',
      '2025-05-03T08:00:00.000001Z',
    ]);
  });

  it('gives a story the same stamp wherever the feed lists it', () => {
    const same = new Date('2025-05-03T08:00:00Z');
    const other = new Date('2025-05-03T07:00:00Z');
    const first = distinctStamps([same, same, other], ['b', 'a', 'c']);
    const second = distinctStamps([other, same, same], ['c', 'a', 'b']);
    expect([first[0], first[1]]).toEqual([second[2], second[1]]);
  });
});
