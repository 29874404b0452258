import zxing from '@zxing/library';
import fs from 'node:fs';
import path from 'node:path';

const { BarcodeFormat, EncodeHintType, QRCodeWriter } = zxing;

const W = 640;
const H = 480;
const BLACK = 16;
const WHITE = 235;

/** The QR code of `payload` (UTF-8) as a matrix of dark modules. */
export function qrMatrix(payload: string): boolean[][] {
  const hints = new Map();
  hints.set(EncodeHintType.CHARACTER_SET, 'UTF-8');
  hints.set(EncodeHintType.MARGIN, 0);
  const m = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0, hints);
  return Array.from({ length: m.getHeight() }, (_, y) => Array.from({ length: m.getWidth() }, (_, x) => m.get(x, y)));
}

/**
 * Writes a one-frame Y4M video (640×480, 4:2:0) showing the QR code of `payload`, 8 px per module, centred on a
 * white background (well over the 4-module quiet zone), for Chromium's --use-file-for-fake-video-capture.
 */
export function writeQrY4m(payload: string, file: string, scale = 8): string {
  const modules = qrMatrix(payload);
  const n = modules.length;
  if ((n + 8) * scale > H) throw new Error(`QR of ${n} modules does not fit at ${scale} px per module`);
  const y = Buffer.alloc(W * H, WHITE);
  const x0 = Math.floor((W - n * scale) / 2);
  const y0 = Math.floor((H - n * scale) / 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!modules[r]![c]) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(BLACK, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), y, chroma, chroma]));
  return file;
}

/** The QR code of `payload` as a 24-bit BMP "photo" (white background, `scale` px per module, 4-module quiet zone). */
export function qrBmp(payload: string, scale = 6): Buffer {
  const modules = qrMatrix(payload);
  const size = (modules.length + 8) * scale;
  const rowBytes = Math.ceil((size * 3) / 4) * 4;
  const pixels = Buffer.alloc(rowBytes * size, 255);
  for (let r = 0; r < modules.length; r++) {
    for (let c = 0; c < modules.length; c++) {
      if (!modules[r]![c]) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = size - 1 - ((r + 4) * scale + dy); // BMP rows run bottom-up
        pixels.fill(0, row * rowBytes + (c + 4) * scale * 3, row * rowBytes + (c + 5) * scale * 3);
      }
    }
  }
  const header = Buffer.alloc(54);
  header.write('BM', 0);
  header.writeUInt32LE(54 + pixels.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(size, 18);
  header.writeInt32LE(size, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(pixels.length, 34);
  return Buffer.concat([header, pixels]);
}
