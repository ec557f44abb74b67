import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';
import { parseError } from './parse-error.ts';

const URL_BASE = 'https://feeds.example.test/feed';

function fixture(path: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/feeds/${path}`, import.meta.url));
}

function parseFixture(path: string, contentType?: string) {
  return parseFeed(fixture(path), { url: URL_BASE, contentType });
}

describe('parseFeed: formats', () => {
  it('reads RSS 2.0 with media:content, dc:creator and categories (Guardian)', () => {
    const feed = parseFixture('news/rss-parser__guardian.rss');
    expect(feed).toMatchObject({ format: 'rss', title: 'The Guardian', link: 'https://www.theguardian.com/us', language: 'en-gb', warnings: [] });
    expect(feed.entries).toHaveLength(55);
    const first = feed.entries[0]!;
    expect(first.title).toBe('Trump State of the Union address promised unity but emphasized discord');
    expect(first.guid).toBe('https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord');
    expect(first.published).toBe('Wed, 31 Jan 2018 07:26:05 GMT');
    expect(first.authors).toEqual(['David Smith in Washington']);
    expect(first.categories.slice(0, 3)).toEqual(['Donald Trump', 'State of the Union address', 'US news']);
    // Both renditions with their widths, in document order: normalize picks the wider.
    expect(first.images.map((image) => [image.url.replace(/&.*/, ''), image.width])).toEqual([
      ['https://i.guim.co.uk/img/media/b73c8752cd4667c923dff7f1542f1fb20089e421/0_108_3000_1799/master/3000.jpg?w=140', 140],
      ['https://i.guim.co.uk/img/media/b73c8752cd4667c923dff7f1542f1fb20089e421/0_108_3000_1799/master/3000.jpg?w=460', 460],
    ]);
    expect(first.thumbnails).toEqual([]);
  });

  it('reads Atom with xml:base on the content', () => {
    const feed = parseFixture('atom/feed-rs__xml-base.atom');
    expect(feed.format).toBe('atom');
    expect(feed.entries[0]).toEqual({
      guid: 'https://numi.st/post/2022/travel-uke',
      // No <link>: the entry's id is a web address, so it is the entry's page.
      links: [{ href: 'https://numi.st/post/2022/travel-uke' }],
      base: 'https://numi.st/post/2022/travel-uke/',
      title: 'my cool entry title',
      contentHtml: '<p><img src="IMG_1232.jpeg" /></p>',
      updated: '2022-04-21T00:00:00+00:00',
      authors: ['Not Blank'],
      categories: [],
      enclosures: [],
      images: [],
      thumbnails: [],
    });
  });

  it('reads RDF (RSS 1.0) with Dublin Core dates, creators and subjects', () => {
    const feed = parseFixture('rdf/rss-parser__rss-1.rdf');
    expect(feed).toMatchObject({ format: 'rdf', title: 'Science twis', link: 'http://science.sciencemag.org' });
    expect(feed.entries).toHaveLength(69);
    expect(feed.entries[0]).toMatchObject({
      guid: 'http://science.sciencemag.org/cgi/content/short/356/6343/1134-a?rss=1',
      title: 'Food for fungi',
      published: '2017-06-15T10:29:47-07:00',
      authors: ['Hines, P. J.'],
      categories: ['Botany, Microbiology'],
    });
  });

  it('reads JSON Feed 1.1, escaping its plain-text title as HTML', () => {
    const feed = parseFixture('json/jsonfeednet__json-v1.1.json');
    expect(feed).toMatchObject({ format: 'json', title: 'Daring Fireball', link: 'https://daringfireball.net/', author: 'John Gruber' });
    expect(feed.entries).toHaveLength(48);
    expect(feed.entries[0]?.links).toEqual([
      { href: 'https://daringfireball.net/linked/2021/02/26/mailtrackerblocker' },
      { href: 'https://apparition47.github.io/MailTrackerBlocker/', rel: 'related' },
    ]);
    expect(feed.entries[0]?.title).toBe('MailTrackerBlocker for Apple Mail on MacOS');
  });

  it('reads a GeoRSS point', () => {
    const feed = parseFixture('namespaces/rome__usgs-earthquakes-georss.atom');
    expect(feed.entries[0]?.geo).toEqual({ lat: 32.4126663, lon: -116.2923355 });
    expect(feed.entries[0]?.title).toBe('M 2.1 - 27km SE of Campo, CA');
  });

  it('keeps entries with no link; a web-address guid becomes the link', () => {
    const rss =
      '<rss version="2.0"><channel><title>T</title><item><title>No link</title><guid>42</guid></item><item><title>Permalink</title><guid>https://x.test/p</guid></item></channel></rss>';
    const feed = parseFeed(new TextEncoder().encode(rss), { url: URL_BASE });
    expect(feed.entries.map((entry) => [entry.title, entry.links])).toEqual([
      ['No link', []],
      ['Permalink', [{ href: 'https://x.test/p' }]],
    ]);
    expect(feed.warnings).toEqual([]);
  });
});

describe('parseFeed: character sets', () => {
  it('decodes KOI8-R from the XML declaration', () => {
    const feed = parseFixture('encoding/miniflux__koi8-r.xml');
    expect(feed.title).toBe('Пример RSS ленты');
    expect(feed.entries.map((entry) => entry.title)).toEqual(['Первая новость', 'Вторая новость']);
  });

  it('decodes windows-1251 from the XML declaration', () => {
    const feed = parseFixture('encoding/miniflux__ibash-windows-1251.xml');
    expect(feed.entries[0]?.summaryHtml).toMatch(/^xxx: есть у кого жаба программер <br \/>/);
  });

  it('lets the HTTP charset win over the XML declaration', () => {
    // The KOI8-R bytes read as windows-1251 come out as different Cyrillic: proof the header was used.
    const feed = parseFixture('encoding/miniflux__koi8-r.xml', 'application/rss+xml; charset=windows-1251');
    expect(feed.title).not.toBe('Пример RSS ленты');
    expect(parseFixture('encoding/miniflux__koi8-r.xml', 'text/xml; charset="KOI8-R"').title).toBe('Пример RSS ленты');
  });

  it.each([
    ['encoding/feed-rs__dicas-l-rss091-iso-8859-1.xml', 'Dicas-L: Dicas técnicas de Linux e Software Livre', 'bash - Expansão de Parâmetros'],
    [
      'encoding/feed-rs__inovacaotecnologica-iso-8859-1.xml',
      'RSS Feed do Site Inovação Tecnológica',
      'Revolução nas telas com pontos quânticos impressos em 3D',
    ],
    ['encoding/feed-rs__rss10-iso-8859-1.rdf', 'Golem.de', 'Digitalministerium: Neue Glasfaserförderung mit Schnellkasse'],
    [
      'encoding/feed-rs__tjrs-rss091-iso-8859-1.xml',
      'Tribunal de Justiça do Estado do Rio Grande do Sul',
      '13/08/2020 21:27 - Comitê completa 150 dias de atuação na prevenção contra o novo Coronavírus',
    ],
    ['encoding/miniflux__feedcreator-iso-8859-1.xml', 'Golem.de', 'Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games'],
    ['encoding/rss-parser__encoding-iso-8859-1.rss', 'Jornal de Notícias - Últimas Notícias', 'Mãe de utente é a nova presidente da Raríssimas'],
    ['encoding/simplepie__utf16le.xml', 'Test feed', 'Test feed title 1'],
  ])('decodes %s', (path, title, first) => {
    const feed = parseFixture(path);
    expect([feed.title, feed.entries[0]?.title]).toEqual([title, first]);
  });

  it('reads UTF-16BE declared without a byte order mark', () => {
    expect(parseFixture('encoding/feedparser__utf-16be.xml')).toMatchObject({ format: 'rss', entries: [] });
  });

  it('sniffs UTF-16 without a byte order mark or declaration', () => {
    const feed = parseFixture('encoding/simplepie__utf16be.xml');
    expect(feed.title).toBe('Test feed');
    expect(feed.entries[0]?.title).toBe('Test feed title 1');
  });

  it('honours a byte order mark over everything else', () => {
    // The documents are an empty <rss>; recognising the root means the text was decoded right.
    for (const path of ['encoding/feedparser__utf-16le-bom.xml', 'encoding/feedparser__utf-8-bom.xml']) {
      expect(parseFixture(path, 'text/xml; charset=iso-8859-1')).toMatchObject({
        format: 'rss',
        entries: [],
        warnings: ['parse: <rss> has no version attribute, read as RSS 2.0', 'parse: the feed has no entries'],
      });
    }
  });

  it('decodes windows-1252 and EUC-KR declared in the prolog (real fixtures)', () => {
    expect(parseFixture('encoding/miniflux__windows-1252.xml').title).toBe('Euro €');
    // The bytes B3 E2 are U+B144 in EUC-KR; read as UTF-8 or Latin-1 they would be garbage.
    const eucKr = parseFixture('encoding/feedparser__euc-kr.xml');
    expect([eucKr.format, eucKr.title]).toEqual(['rss', '년']);
    expect(eucKr.title.codePointAt(0)).toBe(0xb144);
  });

  it('accepts a Big5 declaration on a document with no title (real fixture)', () => {
    // feedparser's test file is an empty <rss> after a comment: nothing Big5 to decode, so it only
    // proves the label is understood. The hand-made Big5 feed below checks real characters.
    const big5 = parseFixture('encoding/feedparser__big5.xml');
    expect(big5).toEqual({
      format: 'rss',
      url: URL_BASE,
      title: '',
      entries: [],
      warnings: ['parse: <rss> has no version attribute, read as RSS 2.0', 'parse: the feed has no entries'],
    });
  });

  it('decodes Big5 and EUC-KR declared in the prolog', () => {
    const rss = (encoding: string, title: string) =>
      iconv.encode(
        `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><link>https://x.test/1</link></item></channel></rss>`,
        encoding,
      );
    expect(parseFeed(rss('big5', '中央社即時新聞'), { url: URL_BASE }).title).toBe('中央社即時新聞');
    expect(parseFeed(rss('euc-kr', '연합뉴스 속보'), { url: URL_BASE }).entries[0]?.title).toBe('연합뉴스 속보');
  });
});

describe('parseFeed: labels the bytes contradict', () => {
  it('reads UTF-8 bytes declared ISO-8859-1 as UTF-8', () => {
    const feed = parseFixture('malformed/miniflux__utf8-bytes-iso-prolog.xml');
    expect([feed.title, feed.entries[0]?.title]).toEqual(['테스트 피드', 'Café']);
    expect(feed.warnings).toEqual(['parse: labelled iso-8859-1 but the bytes are UTF-8, read as UTF-8']);
  });

  it('reads UTF-8 bytes declared windows-1252 as UTF-8, even under an HTTP windows-1252 label', () => {
    expect(parseFixture('malformed/miniflux__windows-1252-bytes-wrong-prolog.xml', 'text/xml; charset=windows-1252').title).toBe('Euro €');
  });

  it('reads undeclared Latin-1 bytes as windows-1252 (detected)', () => {
    const feed = parseFixture('malformed/miniflux__no-declaration-iso-8859-1.xml');
    expect(feed.entries[0]?.title).toBe('Perturbateurs endocriniens : quels effets sur le cerveau ?');
    // Its fourth item is empty tags and a date.
    expect(feed.warnings).toEqual([
      'parse: no charset declared, detected ISO-8859-1, read as windows-1252',
      'parse: skipped 1 entry with no title, link or content',
    ]);
  });

  it('reads a Brazilian feed with Latin-1 bytes and no declaration', () => {
    const feed = parseFixture('news/rss-parser__uolNoticias.rss');
    expect(feed.entries[0]?.title).toBe('Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
  });

  it('lets the XML declaration win over an HTTP UTF-8 label the bytes break', () => {
    const feed = parseFixture('encoding/miniflux__koi8-r.xml', 'application/xml; charset=utf-8');
    expect(feed.title).toBe('Пример RSS ленты');
    expect(feed.warnings).toEqual(['parse: bytes are not valid UTF-8, read as koi8-r']);
  });
});

describe('parseFeed: documents that are not usable feeds', () => {
  it.each([
    ['an empty file', 'malformed/newsboat__empty.xml', 'empty', 'parse: empty document at https://feeds.example.test/feed'],
    ['a comment only', 'malformed/feedparser__empty-document.xml', 'empty', 'parse: empty document at https://feeds.example.test/feed'],
    [
      'an unterminated root with no item',
      'malformed/feedparser__unterminated-root.xml',
      'invalid-xml',
      'parse: invalid XML at https://feeds.example.test/feed (no complete entry before the fault)',
    ],
    [
      'a truncated feed with no complete item',
      'malformed/feed-rs__reuters-most-read-truncated.xml',
      'invalid-xml',
      'parse: invalid XML at https://feeds.example.test/feed (no complete entry before the fault)',
    ],
  ])('rejects %s', (_name, path, kind, message) => {
    const error = parseError(fixture(path));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
  });

  it('rejects an HTML page served instead of a feed', () => {
    const error = parseError('<!DOCTYPE html>\n<html><head><title>Page moved</title></head><body><p>See our new site.</p></body></html>');
    expect(error.kind).toBe('not-a-feed');
    expect(error.message).toBe('parse: not a feed (an HTML page) at https://feeds.example.test/feed');
  });

  it('rejects JSON that is not a JSON Feed', () => {
    expect(parseError('{"status":"ok","articles":[]}').message).toBe('parse: not a feed (JSON that is not a JSON Feed) at https://feeds.example.test/feed');
  });
});

describe('parseFeed: hostile and broken XML', () => {
  it('never expands DOCTYPE entities (billion laughs)', () => {
    const levels = Array.from({ length: 9 }, (_, level) => `<!ENTITY l${level + 1} "${`&l${level};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${levels.join('')}]>
<rss version="2.0"><channel><title>Bomb &l9;</title><item><title>&l9;</title><link>https://x.test/1</link></item></channel></rss>`;
    const feed = parseFeed(new TextEncoder().encode(bomb), { url: URL_BASE });
    expect(feed.title).toBe('Bomb &l9;');
    expect(feed.entries[0]?.title).toBe('&l9;');
  });

  it('drops control characters, with a warning', () => {
    const rss =
      '<rss version="2.0"><channel><title>Tom & Jerry\u0001\u0008</title><item><title>A</title><link>https://x.test/a?b=1&c=2</link></item></channel></rss>';
    const feed = parseFeed(new TextEncoder().encode(rss), { url: URL_BASE });
    expect(feed.title).toBe('Tom & Jerry');
    expect(feed.entries[0]?.links).toEqual([{ href: 'https://x.test/a?b=1&c=2' }]);
    expect(feed.warnings).toEqual(['parse: removed 2 control characters']);
  });

  it('retries leniently when a bare "<" breaks the XML, with a warning', () => {
    const rss = '<rss version="2.0"><channel><title>Rates < 5% & falling</title><item><title>A</title><link>https://x.test/a</link></item></channel></rss>';
    const feed = parseFeed(new TextEncoder().encode(rss), { url: URL_BASE });
    expect(feed.title).toBe('Rates < 5% & falling');
    expect(feed.warnings).toEqual(['parse: recovered malformed XML (bare ampersands escaped, bare less-than signs escaped)']);
  });

  it('reads a feed with whitespace before the XML declaration', () => {
    expect(parseFixture('malformed/simplepie__whitespace-before-xml-declaration.xml').title).toBe('Whitespace before XML declaration');
  });
});
