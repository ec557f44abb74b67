// Plain text of content HTML: what dedupe and classification read, and what summaries are cut from.
import { describe, expect, it } from 'vitest';
import { htmlToLine, htmlToText, textToLine } from '../../src/normalize/html-text.ts';

describe('htmlToText', () => {
  it.each([
    ['blocks on lines of their own, closed or not', '<p>First.</p><p>Second.<p>Third.', 'First.\nSecond.\nThird.'],
    ['line breaks kept, runs of spaces collapsed', 'One<br>two   three<br/>\n\n four', 'One\ntwo three\nfour'],
    ['script, style and noscript dropped with their text', 'a<script>var x = "<p>";</script>b<style>p{}</style>c<noscript>no js</noscript>d', 'abcd'],
    ['entities decoded, also when escaped twice', 'AT&amp;T &amp;amp; Co &eacute;t&#233;', 'AT&T & Co été'],
    ['markup escaped twice is no text either', '&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt;', 'Bold'],
    ['comments and attributes are no text', '<a href="x" title="not text">link</a><!-- note -->', 'link'],
    ['a lone "<" is text', 'x < y and y > z', 'x < y and y > z'],
    [
      'embedded pages and their fallbacks dropped',
      '<p>Quake</p><iframe><img src=x onerror=alert(1)></iframe><noembed>No embeds</noembed><p>Aftershock</p>',
      'Quake\nAftershock',
    ],
    ['select options dropped, closed or not', 'Pick<select><option>One<option>Two</select> now', 'Pick now'],
    ['a noscript closed by the block around it', '<div>a<noscript><img src=x>ns</div>after', 'a\nafter'],
    ['a self-closed noscript drops nothing after it', '<p>a<noscript/>after</p>', 'aafter'],
    ['elements inside a dropped one do not end it early', '<noscript><div>x</div>y</noscript>z', 'z'],
  ])('%s', (_rule, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('reads the next fragment afresh after one left a script open', () => {
    expect(htmlToText('before<script>never closed')).toBe('before');
    expect(htmlToText('<p>next</p>')).toBe('next');
  });
});

describe('textToLine', () => {
  it('takes out what looks like a tag, as text escaped once can hold', () => {
    expect(textToLine('Quake <img src=x onerror=alert(1)>\nhits Hokkaido')).toBe('Quake hits Hokkaido');
  });
});

describe('htmlToLine', () => {
  it('puts a headline on one line without tags, even escaped ones', () => {
    expect(htmlToLine('<p>Quake</p><p>hits &lt;b&gt;Hokkaido&lt;/b&gt;</p>')).toBe('Quake hits Hokkaido');
  });
});
