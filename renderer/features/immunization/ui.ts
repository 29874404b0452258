/** Small pieces the immunization screens share: colours of states, files from the API, roles, the station's clock. */
import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n/index.js';
import type { Role } from '../../../shared/roles.js';

export type SeriesState = 'complete' | 'not-yet-eligible' | 'eligible' | 'due' | 'overdue' | 'expired' | 'not-applicable' | 'unknown';

/** Due = blue, overdue = red, not yet = grey, complete = green, expired = dark (the card's colour code). */
export const STATE_COLOR: Record<SeriesState, string> = {
  complete: 'green',
  'not-yet-eligible': 'gray',
  eligible: 'cyan',
  due: 'blue',
  overdue: 'red',
  expired: 'dark',
  'not-applicable': 'gray',
  unknown: 'yellow',
};

export const stateKey = (s: SeriesState) => `immui.state.${s}` as MessageKey;

/** Record doses, screen, vaccinate, manage stock: clinical staff (the backend enforces the same). */
export const canVaccinate = (role: Role | null) => role === 'admin' || role === 'physician' || role === 'nurse';
/** Check in at a session: reception work too. */
export const canCheckIn = (role: Role | null) => canVaccinate(role) || role === 'clerk';

/** Files the backend built: saved and previewed the same way everywhere (referrals/files.ts). */
export { pdfSource, saveApiFile as saveFile } from '../referrals/files.js';

/**
 * The station's "now" as the server sees it, ticking every second. Countdowns follow the station's clock, not the
 * workstation's (a PC clock set wrong is common, and every workstation must show the same minutes left).
 * `serverNow` is the `now` of the last read; the offset is taken when it changes.
 */
export function useStationNow(serverNow: string | undefined, tickMs = 1000): number {
  const offset = useRef(0);
  const seen = useRef<string | undefined>(undefined);
  if (serverNow && serverNow !== seen.current) {
    seen.current = serverNow;
    const parsed = Date.parse(serverNow);
    if (!Number.isNaN(parsed)) offset.current = parsed - Date.now();
  }
  const [now, setNow] = useState(() => Date.now() + offset.current);
  useEffect(() => {
    setNow(Date.now() + offset.current);
    const id = setInterval(() => setNow(Date.now() + offset.current), tickMs);
    return () => clearInterval(id);
  }, [serverNow, tickMs]);
  return now;
}

/** "12:05" for a count of milliseconds (minutes:seconds), never negative. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** hh:mm of an instant in Viet Nam time (UTC+7), whatever the workstation's zone. */
export function timeVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + 7 * 3_600_000).toISOString().slice(11, 16);
}

/** The current month yyyy-mm of a yyyy-mm-dd date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** A percentage (the backend sends 87.5 for 87,5 %) as "87,5 %" with the Vietnamese decimal comma, or "—". */
export function percentVi(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return `${percent.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
}

/** What a scanned vaccine pack code gives the vaccination and stock forms (parsed by shared/immunization/gs1.ts). */
export interface Gs1Vaccine {
  gtin: string | null;
  /** yyyy-mm-dd */
  expiry: string | null;
  lot: string;
  serial: string | null;
}
