import type { Signature } from './fingerprint.ts';

// A 7-byte header, then 12-bit hashes packed two to three bytes: a full signature (22 lead, 6 title,
// 10 later hashes) takes 64 bytes, Redis's limit for values of compact (listpack) hashes, which hold
// an index entry in a third of the memory of a hash table.
// Header: minute (4 bytes), dateline day (5 bits) with title count (3 bits), then a byte holding the
// format flag (bit 7), the ticker's top 2 bits and the lead count (5 bits), then the ticker's low byte.
// Signatures written before the ticker (flag 0) have a 6-byte header and read as having no ticker.
const HEADER = 7;
const OLD_HEADER = 6;
const WITH_TICKER = 0x80;

/** Bytes of a signature (see the layout above). */
export function encodeSignature(signature: Signature): Uint8Array {
  const hashes = [...signature.lead, ...signature.title, ...signature.rest];
  const bytes = new Uint8Array(HEADER + Math.ceil((hashes.length * 3) / 2));
  new DataView(bytes.buffer).setUint32(0, signature.minute);
  bytes[4] = (signature.day << 3) | signature.title.length;
  bytes[5] = WITH_TICKER | ((signature.ticker >> 8) << 5) | signature.lead.length;
  bytes[6] = signature.ticker & 0xff;
  hashes.forEach((h, i) => {
    const at = HEADER + ((i * 3) >> 1);
    if (i % 2 === 0) {
      bytes[at] = h >> 4;
      bytes[at + 1] = (h & 0xf) << 4;
    } else {
      bytes[at] = (bytes[at] as number) | (h >> 8);
      bytes[at + 1] = h & 0xff;
    }
  });
  return bytes;
}

/** Reads bytes written by encodeSignature, in either header format. */
export function decodeSignature(bytes: Uint8Array): Signature {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = bytes[5] as number;
  const header = flags & WITH_TICKER ? HEADER : OLD_HEADER;
  const ticker = flags & WITH_TICKER ? (((flags >> 5) & 3) << 8) | (bytes[6] as number) : 0;
  const leadCount = flags & 0x1f;
  const titleEnd = leadCount + ((bytes[4] as number) & 7);
  const count = Math.floor(((bytes.byteLength - header) * 2) / 3);
  const hashes: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = header + ((i * 3) >> 1);
    const [a, b] = [bytes[at] as number, bytes[at + 1] as number];
    hashes.push(i % 2 === 0 ? (a << 4) | (b >> 4) : ((a & 0xf) << 8) | b);
  }
  return {
    minute: view.getUint32(0),
    day: (bytes[4] as number) >> 3,
    lead: hashes.slice(0, leadCount),
    title: hashes.slice(leadCount, titleEnd),
    rest: hashes.slice(titleEnd),
    ticker,
  };
}
