/**
 * Keyboard-wedge scanners type a QR payload as keystrokes. These helpers tell a scanner burst from a person
 * typing and strip the noise scanners add around a payload. Pure: the caller records the key events.
 */

export interface KeyEventLike {
  /** `KeyboardEvent.key`: one character, or a name such as "Enter" or "Shift". */
  key: string;
  /** Timestamp in milliseconds (e.g. `event.timeStamp`). */
  t: number;
}

export interface KeystrokeClassification {
  /** True when the burst looks typed by a scanner. */
  isScanner: boolean;
  /** The characters typed (named keys such as Shift and the final Enter left out). */
  text: string;
  charCount: number;
  /** Median gap between consecutive character/Enter events; null with fewer than two such events. */
  medianGapMs: number | null;
  endsWithEnter: boolean;
}

/** A scanner types at least this many characters, with a median gap of at most this many ms, then Enter. */
export const SCANNER_MIN_CHARS = 20;
export const SCANNER_MAX_MEDIAN_GAP_MS = 15;

function isCharKey(key: string): boolean {
  return Array.from(key).length === 1;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Decides whether a burst of key events was typed by a scanner (≥ 20 characters, median gap ≤ 15 ms, then Enter). */
export function classifyKeystrokes(events: readonly KeyEventLike[]): KeystrokeClassification {
  const counted: KeyEventLike[] = [];
  let text = '';
  let charCount = 0;
  let endsWithEnter = false;
  for (const e of Array.isArray(events) ? events : []) {
    if (!e || typeof e.key !== 'string') continue;
    if (e.key === 'Enter') {
      counted.push(e);
      endsWithEnter = true;
    } else if (isCharKey(e.key)) {
      counted.push(e);
      text += e.key;
      charCount++;
      endsWithEnter = false;
    }
    // Modifier and other named keys (Shift, Alt, …) neither count nor end the burst.
  }
  const gaps: number[] = [];
  for (let i = 1; i < counted.length; i++) {
    const gap = Number(counted[i]!.t) - Number(counted[i - 1]!.t);
    if (Number.isFinite(gap)) gaps.push(Math.abs(gap));
  }
  const medianGapMs = median(gaps);
  const isScanner =
    endsWithEnter && charCount >= SCANNER_MIN_CHARS && medianGapMs !== null && medianGapMs <= SCANNER_MAX_MEDIAN_GAP_MS;
  return { isScanner, text, charCount, medianGapMs, endsWithEnter };
}

/** AIM symbology identifier some scanners prefix to the data, e.g. "]Q1" (QR Code), "]d1" (Data Matrix). */
const SYMBOLOGY_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
/** Control characters and whitespace scanners put before or after the payload (STX/ETX, GS, CR/LF, BOM, …). */
const EDGE_NOISE = /^[\s\u0000-\u001f\u007f\ufeff\u200b]+|[\s\u0000-\u001f\u007f\ufeff\u200b]+$/g;

/** Removes a leading symbology identifier and surrounding whitespace/control characters. */
export function stripScannerNoise(text: string): string {
  if (typeof text !== 'string') return '';
  let out = text.replace(EDGE_NOISE, '');
  if (SYMBOLOGY_PREFIX.test(out)) out = out.slice(3).replace(EDGE_NOISE, '');
  return out;
}

/** Quick check before full parsing: at least five '|' and either 12 leading digits (CCCD) or a trailing '|$' (BHYT). */
export function looksLikeCardPayload(text: string): boolean {
  const s = stripScannerNoise(text);
  let pipes = 0;
  for (const ch of s) if (ch === '|') pipes++;
  if (pipes < 5) return false;
  return /^\d{12}(?!\d)/.test(s) || /\|\s*\$$/.test(s);
}
