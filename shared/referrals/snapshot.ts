/**
 * The content of an issued slip, frozen when it is issued (and again for each new version). The printed PDF and
 * the exported XML are both built from this one stored record, so they can never disagree (xml130.md).
 */

/** Referral layouts: TT 01/2025/TT-BYT Phụ lục VI (default) and the older TT 14/2014/TT-BYT Phụ lục 1. */
export const REFERRAL_FORM_VERSIONS = ['tt01_2025', 'tt14_2014'] as const;
export type ReferralFormVersion = (typeof REFERRAL_FORM_VERSIONS)[number];
export const DEFAULT_REFERRAL_FORM: ReferralFormVersion = 'tt01_2025';
/** Appointment layout: TT 01/2025/TT-BYT Phụ lục V. */
export const APPOINTMENT_FORM_VERSION = 'tt01_2025_pl5' as const;

/** Reasons for transfer: the codes of XML13's MA_LYDO_CT (Nghị định 75/2023 Mẫu 06; forms.md). */
export const REFERRAL_REASONS = ['1', '2', '3'] as const;
export type ReferralReason = (typeof REFERRAL_REASONS)[number];

/** Levels of professional competence (cấp chuyên môn kỹ thuật, Luật KBCB 2023). */
export const FACILITY_LEVELS = ['ban_dau', 'co_ban', 'chuyen_sau'] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];
export const FACILITY_LEVEL_NAMES: Record<FacilityLevel, string> = { ban_dau: 'ban đầu', co_ban: 'cơ bản', chuyen_sau: 'chuyên sâu' };

export interface StationHeader {
  /** 5-character MA_CSKCB. */
  code: string;
  name: string;
  /** Cơ quan chủ quản (UBND xã …, SỞ Y TẾ …). */
  governingBody: string;
  provinceName: string;
  communeName: string;
}

export interface SlipPatient {
  personId: string;
  fullName: string;
  sex: 'M' | 'F';
  /** yyyy-mm-dd, or yyyy when only the year is known. */
  birthDate: string;
  address: string | null;
  /** GSO code (MA_DANTOC) and its name. */
  ethnicityCode: string;
  ethnicityName: string | null;
  nationality: string;
  occupation: string | null;
  workplace: string | null;
  cccd: string | null;
  bhytCardCode: string | null;
  bhytValidFrom: string | null;
  bhytValidTo: string | null;
}

export interface SlipDiagnosis {
  icdCode: string;
  icdName: string;
  isMain: boolean;
}

export interface SlipProcedure {
  name: string;
  /** Station time `yyyy-mm-ddTHH:MM`. */
  startAt: string | null;
  endAt: string | null;
}

/** "Đã được khám bệnh, điều trị: + Tại … (Cấp …) từ ngày … đến ngày …". */
export interface PriorCare {
  place: string;
  level: string | null;
  from: string | null;
  to: string | null;
}

export interface SlipPerson {
  name: string | null;
  /** Practising-certificate number (MA_BAC_SI), or the BHXH number of the signer (MA_TTDV). */
  code: string | null;
  title: string | null;
}

export interface ReferralSnapshot {
  kind: 'referral';
  referralId: string;
  formVersion: ReferralFormVersion;
  version: number;
  /** Printed number, e.g. "12/2026/PCCSKBCB"; null for a draft preview. */
  number: string | null;
  /** Place in the station's yearly series (Vào sổ chuyển cơ sở KBCB số). */
  seq: number | null;
  year: number | null;
  /** Số hồ sơ. */
  recordNumber: string | null;
  issuedAt: string | null;
  station: StationHeader;
  patient: SlipPatient;
  destination: { code: string | null; name: string; level: string | null };
  /** The episode (MA_LK): the visit the referral comes from; start time of the visit. */
  episodeId: string;
  episodeStart: string | null;
  priorCare: PriorCare[];
  clinicalSigns: string | null;
  diseaseCourse: string | null;
  mainResults: string | null;
  diagnosisText: string | null;
  diagnoses: SlipDiagnosis[];
  procedures: SlipProcedure[];
  treatment: string | null;
  medicines: string[];
  stateAtTransfer: string | null;
  reason: ReferralReason;
  treatmentDirection: string | null;
  /** Station time `yyyy-mm-ddTHH:MM`. */
  transferAt: string | null;
  transport: string | null;
  escortName: string | null;
  escortTitle: string | null;
  validOneYear: boolean;
  physician: SlipPerson;
  signer: SlipPerson;
}

export interface AppointmentSnapshot {
  kind: 'appointment';
  appointmentId: string;
  formVersion: typeof APPOINTMENT_FORM_VERSION;
  number: string | null;
  seq: number | null;
  year: number | null;
  issuedAt: string | null;
  station: StationHeader;
  patient: SlipPatient;
  episodeId: string;
  /** Ngày khám bệnh: the visit's start (station time). */
  visitAt: string | null;
  visitEndAt: string | null;
  returnDate: string;
  diagnosisText: string | null;
  diagnoses: SlipDiagnosis[];
  comorbidities: string | null;
  note: string | null;
  physician: SlipPerson;
  signer: SlipPerson;
}

export type SlipSnapshot = ReferralSnapshot | AppointmentSnapshot;

/** "J06.9 - Viêm đường hô hấp trên cấp" lines, main diagnosis first. */
export function diagnosisLines(diagnoses: readonly SlipDiagnosis[]): { main: SlipDiagnosis | null; secondary: SlipDiagnosis[] } {
  const main = diagnoses.find((d) => d.isMain) ?? diagnoses[0] ?? null;
  return { main, secondary: diagnoses.filter((d) => d !== main) };
}
