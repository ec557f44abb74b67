// Plain text of content HTML: what dedupe and classification read, and what summaries are cut from.
import { describe, expect, it } from 'vitest';
import { htmlToLine, htmlToText } from '../../src/normalize/html-text.ts';

describe('htmlToText', () => {
  it.each([
    ['blocks on lines of their own, closed or not', '<p>First.</p><p>Second.<p>Third.', 'First.\nSecond.\nThird.'],
    ['line breaks kept, runs of spaces collapsed', 'One<br>two   three<br/>\n\n four', 'One\ntwo three\nfour'],
    ['script, style and noscript dropped with their text', 'a<script>var x = "<p>";</script>b<style>p{}</style>c<noscript>no js</noscript>d', 'abcd'],
    ['entities decoded, also when escaped twice', 'AT&amp;T &amp;amp; Co &eacute;t&#233;', 'AT&T & Co été'],
    ['markup escaped twice is no text either', '&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt;', 'Bold'],
    ['comments and attributes are no text', '<a href="x" title="not text">link</a><!-- note -->', 'link'],
    ['a lone "<" is text', 'x < y and y > z', 'x < y and y > z'],
  ])('%s', (_rule, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('reads the next fragment afresh after one left a script open', () => {
    expect(htmlToText('before<script>never closed')).toBe('before');
    expect(htmlToText('<p>next</p>')).toBe('next');
  });
});

describe('htmlToLine', () => {
  it('puts a headline on one line without tags, even escaped ones', () => {
    expect(htmlToLine('<p>Quake</p><p>hits &lt;b&gt;Hokkaido&lt;/b&gt;</p>')).toBe('Quake hits Hokkaido');
  });
});
