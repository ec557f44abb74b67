// The site's mark: a white globe (ring, equator, meridians) on the feeds' icon blue, in a rounded square.
const BLUE = [0x1d, 0x3f, 0x8f] as const;
const SIZE = 32;
const CORNER = 6;
const RING = 11;
const MERIDIAN_RX = 5;
const STROKE = 1.2;

/** The mark as SVG: the favicon of modern browsers, and the logo inlined in every page's masthead. */
export const FAVICON_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">` +
  `<rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="#1d3f8f"/>` +
  `<g fill="none" stroke="#fff" stroke-width="${STROKE * 2}">` +
  `<circle cx="16" cy="16" r="${RING}"/><ellipse cx="16" cy="16" rx="${MERIDIAN_RX}" ry="${RING}"/>` +
  '<path d="M5 16h22M16 5v22"/></g></svg>';

// Each pixel is the mean of SAMPLES × SAMPLES points, so edges are smooth.
const SAMPLES = 4;

/**
 * The same mark as a 32×32 Windows icon (one 32-bit BGRA bitmap with alpha), for `/favicon.ico`:
 * what feed readers and older browsers ask for.
 */
export function renderFaviconIco(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const [ink, cover] = coverage(x, y);
      // Rows are stored bottom-up; white ink over blue, premultiplied by nothing (straight alpha).
      const at = ((SIZE - 1 - y) * SIZE + x) * 4;
      const mix = (blue: number) => Math.round(blue + (255 - blue) * ink);
      pixels.set([mix(BLUE[2]), mix(BLUE[1]), mix(BLUE[0]), Math.round(255 * cover)], at);
    }
  }
  const andMask = Buffer.alloc((SIZE / 8) * SIZE); // all zero: the alpha channel decides
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(40 + pixels.length + andMask.length, 14);
  header.writeUInt32LE(22, 18); // offset of the bitmap
  header.writeUInt32LE(40, 22); // BITMAPINFOHEADER size
  header.writeInt32LE(SIZE, 26);
  header.writeInt32LE(SIZE * 2, 30); // colour bitmap and mask, stacked
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  header.writeUInt32LE(pixels.length + andMask.length, 42);
  return Buffer.concat([header, pixels, andMask]);
}

// [share of ink among covered samples, share of samples inside the rounded square] for one pixel.
function coverage(x: number, y: number): [number, number] {
  let inside = 0;
  let ink = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const px = x + (i + 0.5) / SAMPLES;
      const py = y + (j + 0.5) / SAMPLES;
      if (!inRoundedSquare(px, py)) continue;
      inside++;
      if (onGlobe(px - SIZE / 2, py - SIZE / 2)) ink++;
    }
  }
  return inside === 0 ? [0, 0] : [ink / inside, inside / (SAMPLES * SAMPLES)];
}

function inRoundedSquare(x: number, y: number): boolean {
  const dx = Math.max(CORNER - x, 0, x - (SIZE - CORNER));
  const dy = Math.max(CORNER - y, 0, y - (SIZE - CORNER));
  return Math.hypot(dx, dy) <= CORNER;
}

// The SVG's strokes, as distances from the centre (dx, dy).
function onGlobe(dx: number, dy: number): boolean {
  const r = Math.hypot(dx, dy);
  if (Math.abs(r - RING) <= STROKE) return true;
  if (r > RING) return false;
  if (Math.abs(dx) <= STROKE || Math.abs(dy) <= STROKE) return true;
  // Distance to the meridian ellipse, to first order: |f| / |∇f| for f = hypot(dx/rx, dy/ry) - 1.
  const nx = dx / MERIDIAN_RX;
  const ny = dy / RING;
  const f = Math.hypot(nx, ny);
  const gradient = Math.hypot(nx / MERIDIAN_RX, ny / RING) / (f || 1);
  return Math.abs(f - 1) / gradient <= STROKE;
}
