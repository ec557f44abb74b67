/**
 * Why a poll failed, as a few bounded words an operator can act on (and a metrics label can carry):
 * read from the messages our stages write (`fetch: …`, `parse: …`, `store: …`), so a source's
 * stored `lastError` classifies the same way in every process.
 */
export type ErrorClass =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'reset'
  | 'unreachable'
  | 'private-address'
  | `http-${number}`
  | 'redirect'
  | 'too-large'
  | 'bad-url'
  | 'not-a-feed'
  | 'empty'
  | 'invalid-xml'
  | 'unsupported'
  | 'store'
  | 'other';

// In order: the first rule matching a message names its class. TLS comes before reset, as a plain
// HTTP server answering a TLS handshake shows as "… secure TLS connection … (ECONNRESET)".
const RULES: [Exclude<ErrorClass, `http-${number}`>, RegExp][] = [
  ['private-address', /a private or local address/],
  ['dns', /\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|ENODATA)\b|: no address for /],
  ['refused', /\bECONNREFUSED\b/],
  ['timeout', /timed out|\b(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)\b/],
  ['tls', /certificate|\bCERT_|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|\bERR_(TLS|SSL)_|\bEPROTO\b|secure TLS connection|\bSSL\b/],
  ['unreachable', /\b(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN)\b/],
  ['reset', /\b(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED)\b|other side closed/],
  ['redirect', /^fetch: \d{3} from \S+ redirects/],
  ['too-large', /^fetch: body from \S+ exceeds \d+ bytes/],
  ['bad-url', /^fetch: (unsupported scheme|invalid URL)/],
  ['not-a-feed', /^parse: not a feed/],
  ['empty', /^parse: empty document/],
  ['invalid-xml', /^parse: invalid XML/],
  ['unsupported', /^parse: unsupported/],
  ['store', /^store: /],
];

/** The class of a poll's error message. */
export function errorClass(message: string): ErrorClass {
  for (const [name, rule] of RULES) if (rule.test(message)) return name;
  const status = /^fetch: (\d{3}) from /.exec(message)?.[1];
  return status ? `http-${Number(status)}` : 'other';
}

const LABELS: Record<Exclude<ErrorClass, `http-${number}`>, string> = {
  dns: 'DNS',
  refused: 'refused',
  timeout: 'timeout',
  tls: 'TLS',
  reset: 'connection reset',
  unreachable: 'unreachable',
  'private-address': 'private address',
  redirect: 'redirect',
  'too-large': 'too large',
  'bad-url': 'bad URL',
  'not-a-feed': 'not a feed',
  empty: 'empty',
  'invalid-xml': 'invalid XML',
  unsupported: 'unsupported',
  store: 'store',
  other: 'error',
};

/** A class as a log line or a page names it: `DNS`, `HTTP 503`, `refused`. */
export function errorLabel(errorClass: ErrorClass): string {
  return errorClass.startsWith('http-') ? `HTTP ${errorClass.slice(5)}` : LABELS[errorClass as keyof typeof LABELS];
}
