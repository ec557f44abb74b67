import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { PUBLIC_HEADERS } from './response-headers.ts';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** The content codings served; `identity` is the body as rendered. */
export type Coding = 'identity' | 'gzip' | 'br';

// Below this size compression saves less than the headers it costs.
const MIN_COMPRESSED = 1024;
// Quality 9 is within 5% of brotli's best on feeds at an eighth of its time (~10 ms for 60 KB).
const BROTLI_QUALITY = 9;

/** One coding's body and the headers of a 200 carrying it. */
export interface Variant {
  body: Buffer;
  headers: OutgoingHttpHeaders;
}

/** A rendered body and how to serve it. */
export interface Rendered {
  body: string | Buffer;
  contentType: string;
  cacheControl: string;
  /** When what it shows last changed; no Last-Modified when absent. */
  lastModified?: Date;
  /** False for a body that is compressed already (an image). */
  compressible?: boolean;
  /** Extra response headers (e.g. WebSub `Link`). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * A response ready to send again and again: its body, strong ETag and Last-Modified computed once,
 * each compressed variant made on first need (each with its own ETag, as RFC 9110 asks of strong ones).
 */
export class CachedResponse {
  readonly body: Buffer;
  readonly lastModified: Date | undefined;
  private readonly tag: string;
  private readonly headers = new Map<Coding, OutgoingHttpHeaders>();
  private readonly encoded = new Map<Coding, Promise<Buffer>>();
  private readonly complete = new Map<Coding, Variant>();

  constructor(private readonly rendered: Rendered) {
    this.body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : rendered.body;
    this.lastModified = rendered.lastModified;
    this.tag = createHash('sha256').update(this.body).digest('base64url').slice(0, 32);
  }

  /** The coding to answer with, given what the client accepts; small bodies stay as they are. */
  codingFor(acceptEncoding: string | undefined): Coding {
    return this.body.length < MIN_COMPRESSED || this.rendered.compressible === false ? 'identity' : negotiate(acceptEncoding);
  }

  /** The strong ETag of the variant in this coding. */
  etag(coding: Coding): string {
    return coding === 'identity' ? `"${this.tag}"` : `"${this.tag}.${coding === 'gzip' ? 'gz' : 'br'}"`;
  }

  /** Headers of the variant in this coding, without Content-Length: shared by 200, HEAD and 304. */
  headersFor(coding: Coding): OutgoingHttpHeaders {
    let headers = this.headers.get(coding);
    if (!headers) {
      headers = {
        'Content-Type': this.rendered.contentType,
        'Cache-Control': this.rendered.cacheControl,
        ETag: this.etag(coding),
        Vary: 'Accept-Encoding',
        ...(this.lastModified ? { 'Last-Modified': this.lastModified.toUTCString() } : {}),
        ...(coding === 'identity' ? {} : { 'Content-Encoding': coding }),
        ...PUBLIC_HEADERS,
        ...this.rendered.headers,
      };
      this.headers.set(coding, headers);
    }
    return headers;
  }

  /** The body in this coding with the headers of a 200 (Content-Length too), once the body is ready. */
  variant(coding: Coding): Variant | Promise<Variant> {
    const done = this.complete.get(coding);
    if (done) return done;
    const made = (body: Buffer): Variant => {
      const variant = { body, headers: { ...this.headersFor(coding), 'Content-Length': body.length } };
      this.complete.set(coding, variant);
      return variant;
    };
    const body = this.bodyFor(coding);
    return Buffer.isBuffer(body) ? made(body) : body.then(made);
  }

  /** The body in this coding, compressed once on first need. */
  bodyFor(coding: Coding): Buffer | Promise<Buffer> {
    if (coding === 'identity') return this.body;
    let encoded = this.encoded.get(coding);
    if (!encoded) {
      encoded = coding === 'gzip' ? gzip(this.body) : brotli(this.body, brotliOptions(this.body.length));
      this.encoded.set(coding, encoded);
    }
    return encoded;
  }
}

function brotliOptions(size: number): zlib.BrotliOptions {
  return { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } };
}

// RFC 9110 §12.5.3: the coding with the highest q above 0 (br on a tie); `*` stands for any not named.
function negotiate(header: string | undefined): Coding {
  if (!header) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(name.trim(), qParam === undefined ? 1 : Number(qParam.slice(2)) || 0);
  }
  const any = weights.get('*') ?? 0;
  const br = weights.get('br') ?? any;
  const gz = weights.get('gzip') ?? weights.get('x-gzip') ?? any;
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : 'identity';
}
