import { StoreError } from '../../domain/index.ts';

// The byte-level pieces of a story record (see redis-record.ts): short strings and lists with a
// length byte, sized blobs, and a reader that refuses to run past the end of a damaged record.

/** The length byte that stands for "absent" (so strings hold at most 254 bytes). */
export const NONE = 255;

/** A string of at most 254 UTF-8 bytes after its length byte. */
export function str8(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length >= NONE) throw new StoreError(`store: a ${what} of ${bytes.length} bytes is longer than the 254 a record holds`);
  return Buffer.concat([Buffer.of(bytes.length), bytes]);
}

/** A count byte and that many str8. */
export function list8(texts: string[], what: string): Buffer {
  if (texts.length > 255) throw new StoreError(`store: a story in ${texts.length} of ${what} is more than a record holds`);
  return Buffer.concat([Buffer.of(texts.length), ...texts.map((text) => str8(text, what))]);
}

/** Bytes after their length, in 2 or 4 bytes. */
export function sized(bytes: Buffer, width: 2 | 4): Buffer {
  const length = Buffer.alloc(width);
  if (width === 2) length.writeUInt16BE(bytes.length);
  else length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Reads a record front to back. */
export class Reader {
  private at = 0;
  constructor(
    private readonly buffer: Buffer,
    private readonly id: string,
  ) {}
  done = () => this.at >= this.buffer.length;
  u8 = () => this.take(1).readUInt8(0);
  u16 = () => this.take(2).readUInt16BE(0);
  u32 = () => this.take(4).readUInt32BE(0);
  i32 = () => this.take(4).readInt32BE(0);
  f64 = () => this.take(8).readDoubleBE(0);
  bytes = (n: number) => this.take(n);
  skip = (n: number) => void this.take(n);
  str8 = () => this.take(this.u8()).toString('utf8');
  str8OrNone = () => {
    const n = this.u8();
    return n === NONE ? undefined : this.take(n).toString('utf8');
  };
  list8 = () => Array.from({ length: this.u8() }, () => this.str8());
  position = () => this.at;
  private take(n: number): Buffer {
    if (this.at + n > this.buffer.length) throw new StoreError(`store: story ${this.id} has a damaged record`);
    const out = this.buffer.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}
