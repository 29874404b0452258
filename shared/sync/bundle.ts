/**
 * USB bundle file (docs/sync.md, "USB bundles"): a one-line header, a one-line signature and the gzip-compressed
 * JSON body. The signature is HMAC-SHA256 over `header line + "\n" + body` with a key derived from the
 * facility's credential secret, so a changed byte anywhere is refused. Pure: the caller brings HMAC and gzip.
 */
export const BUNDLE_MAGIC = 'TYTS-SYNC-BUNDLE/1';

export interface BundleHeader {
  kind: 'push' | 'return';
  facility: string;
  credentialId: string;
  created: string;
}

export interface BundleCrypto {
  /** Hex HMAC-SHA256 of data. */
  sign(data: Uint8Array): string;
}

// The frame is ASCII (non-ASCII header text is \u-escaped JSON), so no TextEncoder is needed: shared/ stays pure.
const enc = {
  encode: (s: string) => Uint8Array.from(s.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), (c) => c.charCodeAt(0)),
};
const dec = { decode: (b: Uint8Array) => String.fromCharCode(...b) };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function assembleBundle(header: BundleHeader, body: Uint8Array, crypto: BundleCrypto): Uint8Array {
  const headerLine = enc.encode(`${BUNDLE_MAGIC} ${JSON.stringify(header)}`);
  const nl = enc.encode('\n');
  const signature = crypto.sign(concat([headerLine, nl, body]));
  return concat([headerLine, nl, enc.encode(signature), nl, body]);
}

export interface OpenedBundle {
  header: BundleHeader;
  body: Uint8Array;
  /** Checks the signature with the key of the header's credential. */
  verify(crypto: BundleCrypto): boolean;
}

/** Parses a bundle's frame; null when it is not a bundle at all. The signature is checked by `verify`. */
export function openBundle(bytes: Uint8Array): OpenedBundle | null {
  const first = bytes.indexOf(10);
  if (first < 0 || first > 2000) return null;
  const second = bytes.indexOf(10, first + 1);
  if (second < 0 || second - first - 1 !== 64) return null;
  const headerText = dec.decode(bytes.subarray(0, first));
  if (!headerText.startsWith(`${BUNDLE_MAGIC} `)) return null;
  let header: BundleHeader;
  try {
    header = JSON.parse(headerText.slice(BUNDLE_MAGIC.length + 1)) as BundleHeader;
  } catch {
    return null;
  }
  if (!header || (header.kind !== 'push' && header.kind !== 'return') || typeof header.facility !== 'string' || typeof header.credentialId !== 'string') {
    return null;
  }
  const signature = dec.decode(bytes.subarray(first + 1, second));
  const body = bytes.subarray(second + 1);
  const signed = concat([bytes.subarray(0, first), enc.encode('\n'), body]);
  return {
    header,
    body,
    verify: (crypto) => constantTimeEqual(crypto.sign(signed), signature),
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
