import { Router } from 'express';
import zlib from 'node:zlib';
import { sendResponse } from './conditional.ts';
import { CachedResponse } from './cached-response.ts';

// JSON Feed asks for a square icon of about 512 pixels; RSS and Atom readers scale it down.
const SIZE = 512;
const BACKGROUND = [0x1d, 0x3f, 0x8f];
const INK = [0xff, 0xff, 0xff];

/** `/icon.png`: the square image every feed names as its icon (a globe drawn in two colours). */
export function iconRoutes(startedAt: Date): Router {
  const router = Router();
  let icon: CachedResponse | undefined;
  router.get('/icon.png', async (req, res) => {
    icon ??= new CachedResponse({
      body: drawIcon(),
      contentType: 'image/png',
      compressible: false,
      cacheControl: 'public, max-age=86400',
      lastModified: startedAt,
    });
    await sendResponse(req, res, icon);
  });
  return router;
}

/** A globe: a ring with an equator and a meridian, as an 8-bit RGB PNG. */
function drawIcon(): Buffer {
  const rows: Buffer[] = [];
  const centre = (SIZE - 1) / 2;
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 3);
    for (let x = 0; x < SIZE; x++) {
      const dx = x - centre;
      const dy = y - centre;
      const r = Math.hypot(dx, dy);
      const meridian = Math.abs(Math.hypot(dx * 2.2, dy) - SIZE * 0.36) < 10 && r < SIZE * 0.37;
      const ink = Math.abs(r - SIZE * 0.36) < 14 || (r < SIZE * 0.36 && (Math.abs(dy) < 8 || Math.abs(dx) < 8)) || meridian;
      row.set(ink ? INK : BACKGROUND, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
