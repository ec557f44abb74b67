import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detectCharset } from '../../src/parse/detect-charset.ts';
import { parseFeed } from '../../src/parse/index.ts';

const ascii = (text: string) => [...Buffer.from(text, 'latin1')];

function parseFixture(path: string, contentType?: string) {
  const body = readFileSync(new URL(`../fixtures/feeds/${path}`, import.meta.url));
  return parseFeed(body, { url: 'https://feeds.example.test/feed', contentType });
}

describe('parseFeed: detecting the charset of undeclared non-UTF-8 bytes', () => {
  it.each([
    ['KOI8-R', 'feedparser__undeclared-koi8r.xml', 'Как пережить новогоднюю ночь', 'parse: no charset declared, detected KOI8-R'],
    ['Shift_JIS', 'feedparser__undeclared-shiftjis.xml', 'DrecomRSSに記事投稿が反映されない…', 'parse: no charset declared, detected Shift_JIS'],
    // GB18030 is a superset of GB2312, so it reads GB2312 bytes unchanged.
    ['GB2312', 'feedparser__undeclared-gb2312.xml', '不归移民漫画系列：专业工作', 'parse: no charset declared, detected GB18030'],
    [
      'ISO-8859-1',
      'miniflux__no-declaration-iso-8859-1.xml',
      "La criminalité liée surtout à... l'ennui ?",
      'parse: no charset declared, detected ISO-8859-1, read as windows-1252',
    ],
  ])('reads %s bytes with no declaration', (_charset, file, title, warning) => {
    const feed = parseFixture(`malformed/${file}`, 'application/rss+xml');
    expect(feed.entries.map((entry) => entry.title?.trim())).toContain(title);
    expect(feed.warnings).toContain(warning);
  });

  it('reads windows-1255 (Hebrew) bytes the detector calls ISO-8859-8 with the Windows superset', () => {
    const feed = parseFixture('malformed/feedparser__undeclared-windows1255.xml');
    expect(feed.entries[0]?.summaryHtml?.trim()).toMatch(
      /^האם תדפיס נייר של אתר אינטרנט שמוצג על מסך משתמש הוא העתק נאמן למקור של אתר האינטרנט\? .* ויש אפילו הוכחה מדהימה\.$/,
    );
    expect(feed.warnings).toContain('parse: no charset declared, detected ISO-8859-8, read as windows-1255');
  });

  it('lets a declared charset that fits the bytes win over detection', () => {
    const feed = parseFixture('malformed/feedparser__undeclared-koi8r.xml', 'application/rss+xml; charset=windows-1251');
    const koi8Title = iconv.encode('Как пережить новогоднюю ночь', 'koi8-r');
    expect(feed.entries[0]?.title).toBe(iconv.decode(koi8Title, 'windows-1251'));
    expect(feed.warnings.filter((warning) => warning.includes('charset'))).toEqual([]);
  });

  it('falls back to windows-1252 when detection is unsure', () => {
    // Letters with no words around them: chardet's best guess (ISO-8859-1) scores below the bar.
    const letters = Array.from({ length: 0x40 }, (_, index) => 0xc0 + index);
    const body = new Uint8Array([...ascii('<rss version="2.0"><channel><title>'), ...letters, ...ascii('</title></channel></rss>')]);
    const feed = parseFeed(body, { url: 'https://feeds.example.test/feed' });
    expect(feed.title).toBe(iconv.decode(Buffer.from(letters), 'windows-1252'));
    expect(feed.warnings).toContain('parse: no charset declared and bytes are not valid UTF-8, detection unsure, read as windows-1252');
  });

  it('calls a tie between two charsets unsure', () => {
    const highBytes = Array.from({ length: 0x80 }, (_, index) => 0x80 + index);
    expect(detectCharset(new Uint8Array(highBytes))).toBeUndefined();
  });
});
