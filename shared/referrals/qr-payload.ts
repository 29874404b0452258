/**
 * The compact text in the QR code of a referral or appointment slip, for receiving software to scan:
 *
 *   TYTS1|<type>|<number>|<facility code>|<CCCD>|<BHYT card>|<ICD-10 codes, ';'-separated, main first>|<yyyymmdd>
 *
 * `TYTS1` is the versioned prefix (a later layout gets TYTS2 and decoders can tell them apart); type is CT
 * (phiếu chuyển cơ sở KBCB) or HK (phiếu hẹn khám lại). '%', '|' and ';' inside a value are percent-encoded,
 * so any text survives the round trip; an empty field means "none". ASCII in practice (numbers and codes), so
 * the QR stays small; other text is carried as UTF-8.
 */
export const QR_PREFIX = 'TYTS1';

export type SlipQrKind = 'referral' | 'appointment';

export interface SlipQrData {
  kind: SlipQrKind;
  number: string;
  facilityCode: string;
  cccd: string | null;
  bhytCardCode: string | null;
  icdCodes: string[];
  /** yyyy-mm-dd: the date of issue. */
  date: string;
}

const KIND_CODE: Record<SlipQrKind, string> = { referral: 'CT', appointment: 'HK' };

const escape = (v: string) => v.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/;/g, '%3B');
const unescape = (v: string) => v.replace(/%(25|7C|3B)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export function encodeSlipQr(data: SlipQrData): string {
  return [
    QR_PREFIX,
    KIND_CODE[data.kind],
    escape(data.number),
    escape(data.facilityCode),
    escape(data.cccd ?? ''),
    escape(data.bhytCardCode ?? ''),
    data.icdCodes.map(escape).join(';'),
    data.date.replace(/-/g, ''),
  ].join('|');
}

export type SlipQrResult = { ok: true; value: SlipQrData } | { ok: false; error: 'not_a_slip' | 'unknown_version' | 'bad_layout' | 'bad_type' | 'bad_date' };

/** Reads a scanned text; never throws — anything that is not one of our slips gives a reason instead. */
export function decodeSlipQr(text: unknown): SlipQrResult {
  if (typeof text !== 'string' || !text.startsWith('TYTS')) return { ok: false, error: 'not_a_slip' };
  const parts = text.split('|');
  if (parts[0] !== QR_PREFIX) return { ok: false, error: 'unknown_version' };
  if (parts.length !== 8) return { ok: false, error: 'bad_layout' };
  const [, type, number, facility, cccd, bhyt, icd, date] = parts as [string, string, string, string, string, string, string, string];
  const kind = type === 'CT' ? 'referral' : type === 'HK' ? 'appointment' : null;
  if (!kind) return { ok: false, error: 'bad_type' };
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  if (!m) return { ok: false, error: 'bad_date' };
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return { ok: false, error: 'bad_date' };
  return {
    ok: true,
    value: {
      kind,
      number: unescape(number),
      facilityCode: unescape(facility),
      cccd: cccd ? unescape(cccd) : null,
      bhytCardCode: bhyt ? unescape(bhyt) : null,
      icdCodes: icd ? icd.split(';').map(unescape) : [],
      date: iso,
    },
  };
}
