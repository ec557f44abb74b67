import type { Signature } from './fingerprint.ts';

// 6 header bytes, then 12-bit hashes packed two to three bytes: a full signature (22 lead, 6 title,
// 10 later hashes) takes 63 bytes, under Redis's 64-byte limit for values of compact (listpack)
// hashes, which hold an index entry in a third of the memory of a hash table.
const HEADER = 6;

/** Bytes of a signature: minute (4), dateline day (5 bits) with title count (3 bits), lead count, then hashes. */
export function encodeSignature(signature: Signature): Uint8Array {
  const hashes = [...signature.lead, ...signature.title, ...signature.rest];
  const bytes = new Uint8Array(HEADER + Math.ceil((hashes.length * 3) / 2));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, signature.minute);
  bytes[4] = (signature.day << 3) | signature.title.length;
  bytes[5] = signature.lead.length;
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

/** Reads bytes written by encodeSignature. */
export function decodeSignature(bytes: Uint8Array): Signature {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const leadCount = bytes[5] as number;
  const titleEnd = leadCount + ((bytes[4] as number) & 7);
  const count = Math.floor(((bytes.byteLength - HEADER) * 2) / 3);
  const hashes: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = HEADER + ((i * 3) >> 1);
    const [a, b] = [bytes[at] as number, bytes[at + 1] as number];
    hashes.push(i % 2 === 0 ? (a << 4) | (b >> 4) : ((a & 0xf) << 8) | b);
  }
  return {
    minute: view.getUint32(0),
    day: (bytes[4] as number) >> 3,
    lead: hashes.slice(0, leadCount),
    title: hashes.slice(leadCount, titleEnd),
    rest: hashes.slice(titleEnd),
  };
}
