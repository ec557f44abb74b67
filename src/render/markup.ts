// Characters XML 1.0 forbids anywhere (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates):
// one of them in a title would make the whole document unreadable, so they are dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- the same characters, plus those that are escaped
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const HEX_ESCAPES: Record<string, string> = { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' };

/** Escapes a string for XML character data. */
export type Escape = (value: string) => string;

/** A string escaped for XML text; most strings need nothing and are returned as they are. */
export const xml: Escape = (value) => {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, '').replace(/[&<>]/g, (char) => ESCAPES[char] ?? char);
};

/**
 * Plain text for an element that is not HTML (a title, a name): `&` and `<` as hexadecimal
 * references, as the RSS Best Practices Profile asks (the W3C validator checks it in Atom too), so
 * readers that treat such text as HTML cannot mistake `&amp;` or `<b>` in a headline for markup.
 */
export const xmlPlainText: Escape = (value) => {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, '').replace(/[&<>]/g, (char) => HEX_ESCAPES[char] ?? char);
};

// eslint-disable-next-line no-control-regex -- the characters FORBIDDEN drops
const HAS_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Markup (HTML content) as an XML CDATA section: nothing to escape, so a long body is copied rather
 * than rewritten, and it is no larger than it was. A `]]>` inside is split across two sections.
 */
export const cdata: Escape = (value) => {
  const clean = HAS_FORBIDDEN.test(value) ? value.replace(FORBIDDEN, '') : value;
  return `<![CDATA[${clean.includes(']]>') ? clean.replaceAll(']]>', ']]]]><![CDATA[>') : clean}]]>`;
};

/** A string escaped for a double-quoted XML attribute. */
export function xmlAttribute(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, '').replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
}

/** Attribute values by name; undefined ones are left out. */
export type Attributes = Record<string, string | number | undefined>;

/** `<name attr="…">text</name>`, every value escaped; attributes that are undefined are left out. */
export function element(name: string, text: string, attributes: Attributes = {}, escape: Escape = xml): string {
  return `<${name}${attributesOf(attributes)}>${escape(text)}</${name}>`;
}

/** `<name attr="…"/>`, every value escaped; attributes that are undefined are left out. */
export function emptyElement(name: string, attributes: Attributes): string {
  return `<${name}${attributesOf(attributes)}/>`;
}

function attributesOf(attributes: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) out += ` ${name}="${xmlAttribute(String(value))}"`;
  }
  return out;
}
