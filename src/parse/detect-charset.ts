import { analyse } from 'chardet';
import iconv from 'iconv-lite';

/** A charset guessed from the bytes: the detector's name and the iconv-lite encoding to read with. */
export interface DetectedCharset {
  detected: string;
  encoding: string;
}

// chardet's single-byte scores are low even when right (29 for a Hebrew feed, 49 for a Russian one),
// while its scores for a wrong guess on short Latin text stay below this.
const MIN_CONFIDENCE = 25;
// Enough text for a confident guess; scanning a multi-megabyte feed would add nothing but time.
const SAMPLE_BYTES = 64 * 1024;

// Feeds labelled (or detected as) an ISO charset are nearly always written with the Windows
// superset, which also defines 0x80–0x9F (curly quotes, dashes) where ISO has C1 controls.
const WINDOWS_SUPERSET: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-8': 'windows-1255',
  'iso-8859-9': 'windows-1254',
};

/**
 * Guesses the charset of bytes that are not UTF-8 and declare none. Returns undefined when the
 * detector is unsure (low score, or two charsets tied) or names a charset iconv-lite cannot read (the caller falls back).
 */
export function detectCharset(body: Uint8Array): DetectedCharset | undefined {
  const [best, runnerUp] = analyse(body.subarray(0, SAMPLE_BYTES));
  // A tie (e.g. Big5 and GB18030 on bytes that are neither) is no answer either.
  if (!best || best.confidence < MIN_CONFIDENCE || best.confidence === runnerUp?.confidence) return undefined;
  const name = best.name.toLowerCase();
  const encoding = WINDOWS_SUPERSET[name] ?? name;
  // UTF-8 cannot be right here (the bytes were checked), and ISO-2022 variants are not in iconv-lite.
  if (encoding === 'utf-8' || !iconv.encodingExists(encoding)) return undefined;
  return { detected: best.name, encoding };
}
