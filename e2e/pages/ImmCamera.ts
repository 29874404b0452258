import zxing from '@zxing/library';
import fs from 'node:fs';
import path from 'node:path';

const { BarcodeFormat, DataMatrixWriter } = zxing;

const W = 640;
const H = 480;

/**
 * A one-frame Y4M video (640×480) of the DataMatrix of `payload`, for Chromium's --use-file-for-fake-video-capture:
 * the webcam "sees" a vaccine vial's GS1 code. `scale` px per module, centred on white.
 */
export function writeDataMatrixY4m(payload: string, file: string, scale = 10): string {
  const m = new DataMatrixWriter().encode(payload, BarcodeFormat.DATA_MATRIX, 0, 0, null as never);
  const w = m.getWidth();
  const h = m.getHeight();
  if ((w + 8) * scale > W || (h + 8) * scale > H) throw new Error('DataMatrix too large for the frame');
  const y = Buffer.alloc(W * H, 235);
  const x0 = Math.floor((W - w * scale) / 2);
  const y0 = Math.floor((H - h * scale) / 2);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      if (!m.get(c, r)) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), y, chroma, chroma]));
  return file;
}

/** A GTIN-14 with its GS1 mod-10 check digit added to 13 digits. */
export function gtin14(first13: string): string {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(first13[i]) * (i % 2 === 0 ? 3 : 1);
  return first13 + ((10 - (sum % 10)) % 10);
}

/** The GS1 element string of a vaccine pack: (01) GTIN, (17) expiry YYMMDD, (10) lot last (no separator needed). */
export function gs1Payload(gtin: string, expiry: string, lot: string): string {
  return `01${gtin}17${expiry.slice(2, 4)}${expiry.slice(5, 7)}${expiry.slice(8, 10)}10${lot}`;
}
