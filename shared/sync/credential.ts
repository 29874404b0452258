/**
 * A facility's sync credential as the hub issues it and the station pastes it (or scans it as a QR):
 * `TYTS1.<facility code>.<credential id>.<secret>`. The hub keeps only a hash of the secret.
 */
export interface Credential {
  facility: string;
  id: string;
  secret: string;
}

const PATTERN = /^TYTS1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{4,40})\.([A-Za-z0-9_-]{32,100})$/;

export function parseCredential(text: string): Credential | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  return { facility: m[1]!, id: m[2]!, secret: m[3]! };
}

export function formatCredential(c: Credential): string {
  return `TYTS1.${c.facility}.${c.id}.${c.secret}`;
}

/** Only the id, for display: the secret never leaves the station's database. */
export function credentialLabel(text: string): string | null {
  const c = parseCredential(text);
  return c ? `${c.facility}.${c.id}` : null;
}
