import { describe, expect, it } from 'vitest';
import { errorClass, errorLabel } from '../../src/domain/index.ts';

describe('errorClass', () => {
  // Messages as the stages write them (the fetch ones as undici and Node word them).
  it.each([
    ['fetch: getaddrinfo ENOTFOUND tass.com from tass.com', 'dns', 'DNS'],
    ['fetch: getaddrinfo EAI_AGAIN ria.ru from ria.ru', 'dns', 'DNS'],
    ['fetch: connect ECONNREFUSED 127.0.0.1:1 from 127.0.0.1:1', 'refused', 'refused'],
    ['fetch: timed out after 30000 ms from www.aljazeera.com', 'timeout', 'timeout'],
    ['fetch: Connect Timeout Error (UND_ERR_CONNECT_TIMEOUT) from nhk.or.jp', 'timeout', 'timeout'],
    ['fetch: certificate has expired (CERT_HAS_EXPIRED) from old.example', 'tls', 'TLS'],
    ['fetch: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT) from lab.example', 'tls', 'TLS'],
    ['fetch: Client network socket disconnected before secure TLS connection was established (ECONNRESET) from x.example', 'tls', 'TLS'],
    ['fetch: other side closed (UND_ERR_SOCKET) from 127.0.0.1:8080', 'reset', 'connection reset'],
    ['fetch: read ECONNRESET from bbc.co.uk', 'reset', 'connection reset'],
    ['fetch: connect EHOSTUNREACH 10.1.1.1:80 from 10.1.1.1', 'unreachable', 'unreachable'],
    ['fetch: localhost is at 127.0.0.1, a private or local address (fetch.allowPrivateNetworks is off)', 'private-address', 'private address'],
    ['fetch: 503 from tass.com', 'http-503', 'HTTP 503'],
    ['fetch: 404 from 127.0.0.1:4000', 'http-404', 'HTTP 404'],
    ['fetch: 301 from a.example redirects more than 5 times', 'redirect', 'redirect'],
    ['fetch: body from a.example exceeds 5000000 bytes', 'too-large', 'too large'],
    ['fetch: unsupported scheme ftp: in ftp://x/', 'bad-url', 'bad URL'],
    ['parse: not a feed (an HTML page) at https://a.example/', 'not-a-feed', 'not a feed'],
    ['parse: empty document at https://a.example/', 'empty', 'empty'],
    ['parse: invalid XML at https://a.example/ (line 3: bad)', 'invalid-xml', 'invalid XML'],
    ['parse: unsupported document (an OPML outline) at https://a.example/', 'unsupported', 'unsupported'],
    ['store: filing tass conflicted 5 times in a row (last: x)', 'store', 'store'],
    ['something else entirely', 'other', 'error'],
  ])('%s → %s', (message, kind, label) => {
    expect(errorClass(message)).toBe(kind);
    expect(errorLabel(errorClass(message))).toBe(label);
  });
});
