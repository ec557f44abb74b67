import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { detectCharset } from './detect-charset.ts';

/** A document's text and the charset it was read with. */
export interface DecodedText {
  text: string;
  encoding: string;
  warnings: string[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const HTTP_CHARSET = /charset\s*=\s*["']?([^;"'\s]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/;

// Charsets in which any byte sequence is valid: a label of one of them often hides UTF-8.
const SINGLE_BYTE_LATIN = new Set(['iso-8859-1', 'latin1', 'iso-8859-15', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);
const HIGH_BYTE = /[\u0080-\u00ff]/;

/**
 * Decodes feed bytes to text. Precedence (RFC 7303): byte order mark, then the HTTP charset,
 * then the XML declaration's encoding, then UTF-8 — except where the bytes prove the label wrong:
 * bytes that are not UTF-8 under a UTF-8 label are read with the declaration's charset when it names
 * another, else with the charset chardet detects (else windows-1252), and valid multi-byte UTF-8
 * under a Latin-1 label is read as UTF-8. Any charset iconv-lite knows is supported.
 */
export function decodeText(body: Uint8Array, contentType?: string): DecodedText {
  const warnings: string[] = [];
  const bom = fromBom(body);
  // iconv-lite strips a leading BOM itself.
  if (bom) return { text: iconv.decode(body, bom), encoding: bom, warnings };
  const declared = known(declaredEncoding(body), 'XML encoding', warnings);
  const http = known(contentType?.match(HTTP_CHARSET)?.[1], 'HTTP charset', warnings);
  const labelled = http ?? sniffUtf16(body) ?? declared ?? 'utf-8';
  const encoding = checkedAgainstBytes(body, labelled, declared, http === undefined && declared === undefined, warnings);
  return { text: decode(body, encoding), encoding, warnings };
}

// Most feeds are UTF-8: Node's own decoder reads them several times faster than iconv-lite's streaming one.
function decode(body: Uint8Array, encoding: string): string {
  if (isUtf8Label(encoding)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return iconv.decode(body, encoding);
}

function checkedAgainstBytes(body: Uint8Array, labelled: string, declared: string | undefined, undeclared: boolean, warnings: string[]): string {
  if (isUtf8Label(labelled) && !isUtf8(body)) {
    if (declared && !isUtf8Label(declared)) {
      warnings.push(`parse: bytes are not valid UTF-8, read as ${declared}`);
      return declared;
    }
    return detectedOrFallback(body, undeclared ? 'no charset declared' : `labelled ${labelled} but the bytes are not valid UTF-8`, warnings);
  }
  if (SINGLE_BYTE_LATIN.has(labelled) && isUtf8(body) && HIGH_BYTE.test(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1'))) {
    warnings.push(`parse: labelled ${labelled} but the bytes are UTF-8, read as UTF-8`);
    return 'utf-8';
  }
  return labelled;
}

// A declared charset that fits the bytes always wins; detection is for bytes nothing (or a wrong UTF-8 label) describes.
function detectedOrFallback(body: Uint8Array, why: string, warnings: string[]): string {
  const guess = detectCharset(body);
  if (!guess) {
    const unsure = why === 'no charset declared' ? `${why} and bytes are not valid UTF-8` : why;
    warnings.push(`parse: ${unsure}, detection unsure, read as windows-1252`);
    return 'windows-1252';
  }
  const readAs = guess.encoding === guess.detected.toLowerCase() ? '' : `, read as ${guess.encoding}`;
  warnings.push(`parse: ${why}, detected ${guess.detected}${readAs}`);
  return guess.encoding;
}

function isUtf8Label(name: string): boolean {
  return name === 'utf-8' || name === 'utf8';
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
