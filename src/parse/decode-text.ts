import iconv from 'iconv-lite';

/** A document's text and the charset it was read with. */
export interface DecodedText {
  text: string;
  encoding: string;
  warnings: string[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const HTTP_CHARSET = /charset\s*=\s*["']?([^;"'\s]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/;

/**
 * Decodes feed bytes to text. Precedence (RFC 7303): byte order mark, then the HTTP charset,
 * then the XML declaration's encoding, then UTF-8. Any charset iconv-lite knows is supported.
 */
export function decodeText(body: Uint8Array, contentType?: string): DecodedText {
  const warnings: string[] = [];
  const encoding =
    fromBom(body) ??
    known(contentType?.match(HTTP_CHARSET)?.[1], 'HTTP charset', warnings) ??
    sniffUtf16(body) ??
    known(declaredEncoding(body), 'XML encoding', warnings) ??
    'utf-8';
  // iconv-lite strips a leading BOM itself.
  return { text: iconv.decode(body, encoding), encoding, warnings };
}

function fromBom(body: Uint8Array): string | undefined {
  if (UTF8_BOM.every((byte, index) => body[index] === byte)) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

// XML 1.0 appendix F: a "<" in UTF-16 without a byte order mark (with or without a declaration).
function sniffUtf16(body: Uint8Array): string | undefined {
  if (body[0] === 0x00 && body[1] === 0x3c) return 'utf-16be';
  if (body[0] === 0x3c && body[1] === 0x00) return 'utf-16le';
  return undefined;
}

// The declaration is ASCII in every charset a feed can declare without a BOM, so latin1 reads it.
function declaredEncoding(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  return head.match(XML_ENCODING)?.[1];
}

function known(name: string | undefined, where: string, warnings: string[]): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim().toLowerCase();
  if (iconv.encodingExists(trimmed)) return trimmed;
  warnings.push(`parse: unknown ${where} "${name}", ignored`);
  return undefined;
}
