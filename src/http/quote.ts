// Characters shown as they are when a request's own text is quoted back; the rest are %-escaped.
const SHOWN = /[A-Za-z0-9._~/,:@+-]/;
const MAX_SHOWN = 40;

/**
 * A short, escaped piece of what a client sent (a path, a parameter), safe to put in any message:
 * each character outside a small safe set %-encoded, at most 40 characters of that, "…" when cut.
 */
export function shortPiece(text: string): string {
  let shown = '';
  for (const char of text) {
    const piece = SHOWN.test(char) ? char : escapeChar(char);
    if (shown.length + piece.length > MAX_SHOWN) return `${shown}…`;
    shown += piece;
  }
  return shown;
}

/** A request path as the client meant it (%-escapes decoded where they decode), for quoting. */
export function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `shortPiece` in double quotes. */
export function quoted(text: string): string {
  return `"${shortPiece(text)}"`;
}

function escapeChar(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
