import { decodeHTML } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

// Elements that start and end a line of the plain text, so "<p>a</p><p>b</p>" reads "a\nb", not "ab".
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'section',
  'article',
  'ul',
  'ol',
  'table',
  'dl',
  'dt',
  'dd',
  'td',
  'th',
]);
// Elements whose contents are no reading text (code, styles, form fields, embedded pages and their
// fallbacks): dropped whole. The tokenizer reads most of them as raw text, tags and all.
const NON_TEXT = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'xmp', 'plaintext', 'title']);
// Elements that have no end tag: inside a dropped element they open nothing that must close.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;
// A tag as a second decoding can reveal it: "<b>", "</b>", "<img src=x>", "<!-- -->"; not "x < y".
const TAG = /<[a-z/!][^>]*>/i;

/**
 * Plain text of an HTML fragment: tags dropped (script, style, iframe … with their contents),
 * entities decoded, blocks on lines of their own. htmlparser2's tokenizer only, no tree and no
 * sanitizer, since this runs on every new entry's content; the text is served only as text (escaped),
 * and a headline made from it goes through textToLine.
 */
export function htmlToText(html: string | undefined): string {
  return readHtml(html, true);
}

// `unwrapMarkup` allows one more reading of markup that only a second decoding revealed, never two.
function readHtml(html: string | undefined, unwrapMarkup: boolean): string {
  if (!html) return '';
  // Most titles and many summaries are plain text: the HTML parser has nothing to do there.
  if (!html.includes('<')) return html.includes('&') ? decodeText(html, unwrapMarkup) : collapseLines(html);
  return decodeText(textReader.read(html), unwrapMarkup);
}

/**
 * Collects an HTML fragment's text from the tokenizer's events, entities left encoded (they are
 * decoded once the text is joined, so one split across chunks still reads). One instance is reused:
 * reading is synchronous, and a tokenizer costs more to build than a short summary costs to read.
 */
class TextReader implements TokenizerCallbacks {
  private readonly tokenizer = new Tokenizer({ decodeEntities: false }, this);
  private html = '';
  private chunks: string[] = [];
  /** The element whose contents are being dropped, and the elements opened inside it since. */
  private dropping: string | undefined;
  private openInside: string[] = [];
  private lastOpened = '';

  read(html: string): string {
    this.html = html;
    try {
      this.tokenizer.write(html);
      this.tokenizer.end();
      return this.chunks.join('');
    } finally {
      // Nothing of this fragment is kept for the next one, nor kept alive until it comes.
      this.tokenizer.reset();
      this.html = '';
      this.chunks = [];
      this.dropping = undefined;
      this.openInside = [];
    }
  }

  ontext(start: number, end: number): void {
    if (this.dropping === undefined) this.chunks.push(this.html.slice(start, end));
  }

  // A block's start breaks the line too: "<p>a<p>b" closes no tag, yet reads as two lines.
  onopentagname(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    this.lastOpened = name;
    if (this.dropping !== undefined) {
      if (!VOID.has(name)) this.openInside.push(name);
    } else if (NON_TEXT.has(name)) {
      this.dropping = name;
    } else if (name === 'br' || BLOCKS.has(name)) {
      this.chunks.push('\n');
    }
  }

  // "<noscript/>" in XHTML content closes at once: it must not drop the rest of the fragment.
  onselfclosingtag(): void {
    if (this.dropping === undefined) return;
    if (this.openInside.length === 0 && this.lastOpened === this.dropping) this.dropping = undefined;
    else if (this.openInside.at(-1) === this.lastOpened) this.openInside.pop();
  }

  // The dropped element ends at its own end tag, or where an element around it ends ("<div><noscript>
  // …</div>": the end tag of the noscript is implied), as a browser's tree builder would have it.
  onclosetag(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    if (this.dropping !== undefined) {
      const inside = this.openInside.lastIndexOf(name);
      if (name !== this.dropping && inside >= 0) {
        this.openInside.length = inside;
        return;
      }
      const ownEnd = name === this.dropping;
      this.dropping = undefined;
      this.openInside = [];
      if (ownEnd) return;
    }
    if (BLOCKS.has(name)) this.chunks.push('\n');
  }

  // Attributes, comments, CDATA and declarations carry no reading text.
  onattribdata(): void {}
  onattribentity(): void {}
  onattribend(): void {}
  onattribname(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onopentagend(): void {}
  onprocessinginstruction(): void {}
  ontextentity(): void {}
}

const textReader = new TextReader();

function decodeText(escaped: string, unwrapMarkup: boolean): string {
  let text = decodeHTML(escaped);
  // Publishers that escape twice ("&amp;amp;") leave entities behind after one decoding.
  if (ENTITY.test(text)) {
    text = decodeHTML(text);
    // Markup escaped twice ("&amp;lt;b&amp;gt;") is markup again now: its tags are no text either.
    if (unwrapMarkup && TAG.test(text)) return readHtml(text, false);
  }
  return collapseLines(text);
}

// Text with no whitespace but single inner spaces: what most titles are, and what collapsing gives.
const UNTIDY = /\s\s|[^\S ]|^\s|\s$/;

function collapseLines(text: string): string {
  if (!UNTIDY.test(text)) return text;
  // Runs of spaces become one; a line break with any blank lines and spaces around it becomes one.
  // The patterns match only what changes: a lone space or line break is most of a text and stays.
  return text
    .replace(/[^\S\n]{2,}|[^\S\n ]/g, ' ')
    .replace(/ \n[\n ]*|\n[\n ]+/g, '\n')
    .trim();
}

function collapseSpaces(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * Plain text on one line, e.g. for titles. A headline is never markup: tags that decoding revealed
 * ("&lt;b&gt;Breaking&lt;/b&gt;", escaped by a CMS that escaped its HTML title) go too, since readers
 * that show titles as HTML would otherwise render them.
 */
export function htmlToLine(html: string | undefined): string {
  return textToLine(htmlToText(html));
}

/** Plain text on one line with nothing that looks like a tag: a headline made from an entry's text. */
export function textToLine(text: string): string {
  return (TAG.test(text) ? readHtml(text, false) : text).replace(/\n/g, ' ');
}

/** `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut. */
export function truncateAtWord(text: string, max: number): string {
  // Only the head can be kept: collapsing the whole of a long body would be wasted work.
  const start = collapseSpaces(text.slice(0, 2 * max));
  const line = start.length > max || text.length <= 2 * max ? start : collapseSpaces(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  // The cut may land right after a whole word; otherwise go back to the last space.
  const space = line[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  // A single very long word is cut mid-word rather than leaving almost nothing.
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.-]+$/, '')}…`;
}
