// Draws the application icon (a green cross on a white rounded square) and writes it as PNG files, using only
// Node's built-ins: node resources/icons/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const GREEN = [0x2b, 0x8a, 0x3e]; // Mantine green.9, readable on white
const WHITE = [0xff, 0xff, 0xff];
const BORDER = [0xd3, 0xf9, 0xd8]; // green.1
const SAMPLES = 4; // 4×4 supersampling for smooth edges

/** Which colour (or null: transparent) lies at (x, y) in a unit square. */
function shade(x, y) {
  const r = 0.16; // corner radius of the rounded square
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  const d = Math.hypot(dx, dy);
  if (d > r) return null;
  const arm = 0.2; // width of a cross bar
  const len = 0.3; // half the length of a bar
  const cx = Math.abs(x - 0.5);
  const cy = Math.abs(y - 0.5);
  if ((cx <= arm / 2 && cy <= len) || (cy <= arm / 2 && cx <= len)) return GREEN;
  if (d > r - 0.03) return BORDER;
  return WHITE;
}

function render(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let rr = 0, gg = 0, bb = 0, aa = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = shade((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!c) continue;
          rr += c[0]; gg += c[1]; bb += c[2]; aa += 1;
        }
      }
      const o = 1 + px * 4;
      if (aa > 0) {
        row[o] = Math.round(rr / aa);
        row[o + 1] = Math.round(gg / aa);
        row[o + 2] = Math.round(bb / aa);
      }
      row[o + 3] = Math.round((255 * aa) / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width, height, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = path.dirname(fileURLToPath(import.meta.url));
for (const size of [256, 512]) {
  const file = path.join(dir, `${size}x${size}.png`);
  fs.writeFileSync(file, render(size));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
