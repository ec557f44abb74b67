// Characters shown as they are when a request's own text is quoted back; the rest are %-escaped.
const SHOWN = /[A-Za-z0-9._~/,:@+-]/;
const MAX_SHOWN = 40;

/**
 * A short, escaped piece of what a client sent (a path, a parameter), safe to put in any message:
 * at most 40 characters, each outside a small safe set %-encoded, "…" when cut.
 */
export function shortPiece(text: string): string {
  const chars = [...text];
  const shown = chars
    .slice(0, MAX_SHOWN)
    .map((char) => (SHOWN.test(char) ? char : escapeChar(char)))
    .join('');
  return `${shown}${chars.length > MAX_SHOWN ? '…' : ''}`;
}

/** `shortPiece` in double quotes. */
export function quoted(text: string): string {
  return `"${shortPiece(text)}"`;
}

function escapeChar(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
