import { describe, expect, it } from 'vitest';
import { dueOn, evaluateSchedule, type PersonInput, type RecordedDose, scheduleEffectiveOn, type SeriesStatus } from './engine.js';
import type { Schedule } from './schedule-schema.js';
import { TETANUS_WOMEN, TT10_2024_CHILDREN as TT10 } from './schedules/index.js';

/** A child born 15/01/2024: 2 months on 15/03, 9 months on 15/10, 12 months on 15/01/2025, 18 months on 15/07/2025. */
const DOB = '2024-01-15';
const dose = (key: string, date: string, extra: Partial<RecordedDose> = {}): RecordedDose => ({ seriesKey: key, date, ...extra });
const child = (...doses: RecordedDose[]): PersonInput => ({ birthDate: DOB, sex: 'M', doses });
const seriesOf = (person: PersonInput, date: string, key: string, schedule: Schedule = TT10): SeriesStatus => {
  const s = evaluateSchedule(person, schedule, date).series.find((x) => x.key === key);
  if (!s) throw new Error(`no series ${key}`);
  return s;
};

const DPT_ON_TIME = [dose('dpt', '2024-03-15'), dose('dpt', '2024-04-15'), dose('dpt', '2024-05-15')];

interface Case {
  rule: string;
  person: PersonInput;
  date: string;
  series: string;
  state: SeriesStatus['state'];
  next?: Partial<{ doseNumber: number; earliest: string; due: string; overdue: string | null; expires: string | null }>;
  valid?: number;
}

// Each row is one rule of TT 10/2024 (children) as encoded in schedules/tt10-2024.ts.
const CHILD_RULES: Case[] = [
  // TT 10/2024: hepatitis B birth dose within 24 hours of birth.
  { rule: 'hepatitis B birth dose is due on the day of birth', person: child(), date: DOB, series: 'hepb-birth', state: 'due', next: { earliest: DOB, due: DOB, overdue: '2024-01-16', expires: '2024-01-22' } },
  { rule: 'hepatitis B birth dose is overdue from the day after birth (24 h)', person: child(), date: '2024-01-16', series: 'hepb-birth', state: 'overdue' },
  { rule: 'hepatitis B birth dose given on the day of birth completes the series', person: child(dose('hepb-birth', DOB)), date: '2024-02-01', series: 'hepb-birth', state: 'complete', valid: 1 },
  { rule: 'a late hepatitis B birth dose (day 3, given at the hospital) still counts', person: child(dose('hepb-birth', '2024-01-18', { givenElsewhere: true })), date: '2024-02-01', series: 'hepb-birth', state: 'complete', valid: 1 },
  { rule: 'hepatitis B birth dose is no longer given after 7 days (L)', person: child(), date: '2024-01-22', series: 'hepb-birth', state: 'expired' },
  // TT 10/2024: BCG once, within 1 month of birth.
  { rule: 'BCG is due from birth', person: child(), date: '2024-02-05', series: 'bcg', state: 'due', next: { due: DOB, overdue: '2024-02-15', expires: '2025-01-15' } },
  { rule: 'BCG is overdue once the child is 1 month old', person: child(), date: '2024-02-15', series: 'bcg', state: 'overdue' },
  { rule: 'BCG given at 3 weeks completes the series', person: child(dose('bcg', '2024-02-05')), date: '2024-03-01', series: 'bcg', state: 'complete', valid: 1 },
  // TT 10/2024: DPT-VGB-Hib (5 in 1) from 2 months, 3 doses, at least 1 month apart.
  { rule: '5-in-1 dose 1 is not yet eligible the day before 2 months', person: child(), date: '2024-03-14', series: 'dpt', state: 'not-yet-eligible', next: { doseNumber: 1, earliest: '2024-03-15' } },
  { rule: '5-in-1 dose 1 is due at 2 months', person: child(), date: '2024-03-15', series: 'dpt', state: 'due', next: { doseNumber: 1, due: '2024-03-15', overdue: '2024-04-15', expires: '2029-01-15' } },
  { rule: '5-in-1 dose 2 comes 1 month after dose 1', person: child(dose('dpt', '2024-03-15')), date: '2024-04-01', series: 'dpt', state: 'not-yet-eligible', next: { doseNumber: 2, earliest: '2024-04-15', due: '2024-04-15', overdue: '2024-05-15' } },
  { rule: '5-in-1 dose 3 at 4 months after doses at 2 and 3 months', person: child(...DPT_ON_TIME.slice(0, 2)), date: '2024-05-15', series: 'dpt', state: 'due', next: { doseNumber: 3, earliest: '2024-05-15', due: '2024-05-15' } },
  { rule: 'a 6-in-1 (service) dose counts as a 5-in-1 dose', person: child({ vaccineCode: '6in1', date: '2024-03-15' }), date: '2024-04-20', series: 'dpt', state: 'due', valid: 1, next: { doseNumber: 2 } },
  // TT 10/2024: bOPV 1–3 from 2 months, 1 month apart; IPV at 5 and 9 months; rotavirus 2 doses from 2 months.
  { rule: 'bOPV dose 1 is due at 2 months', person: child(), date: '2024-03-15', series: 'bopv', state: 'due', next: { doseNumber: 1, due: '2024-03-15' } },
  { rule: 'bOPV dose 2 needs 1 month after dose 1', person: child(dose('bopv', '2024-03-20')), date: '2024-04-15', series: 'bopv', state: 'not-yet-eligible', next: { earliest: '2024-04-20' } },
  { rule: 'IPV dose 1 is due at 5 months', person: child(), date: '2024-06-15', series: 'ipv', state: 'due', next: { doseNumber: 1, due: '2024-06-15' } },
  { rule: 'IPV dose 2 is due at 9 months', person: child(dose('ipv', '2024-06-15')), date: '2024-10-15', series: 'ipv', state: 'due', next: { doseNumber: 2, earliest: '2024-10-15' } },
  { rule: 'rotavirus dose 2 one month after dose 1', person: child(dose('rota', '2024-03-15')), date: '2024-04-15', series: 'rota', state: 'due', next: { doseNumber: 2, due: '2024-04-15' } },
  { rule: 'rotavirus is no longer given from 6 months (L)', person: child(dose('rota', '2024-03-15')), date: '2024-07-15', series: 'rota', state: 'expired' },
  // TT 10/2024: measles at 9 months.
  { rule: 'measles is not yet eligible at 8 months', person: child(), date: '2024-10-14', series: 'measles', state: 'not-yet-eligible', next: { doseNumber: 1, earliest: '2024-10-15' } },
  { rule: 'measles is due at 9 months', person: child(), date: '2024-10-15', series: 'measles', state: 'due', next: { doseNumber: 1, due: '2024-10-15', overdue: '2024-11-15' } },
  { rule: 'measles is overdue from 10 months (L)', person: child(), date: '2024-11-15', series: 'measles', state: 'overdue' },
  // TT 10/2024: MR and DPT4 at 18 months.
  { rule: 'MR is due at 18 months after measles at 9 months', person: child(dose('measles', '2024-10-15')), date: '2025-07-15', series: 'measles', state: 'due', next: { doseNumber: 2, earliest: '2025-07-15', due: '2025-07-15' } },
  { rule: 'DPT4 is due at 18 months after three 5-in-1 doses', person: child(...DPT_ON_TIME), date: '2025-07-15', series: 'dpt', state: 'due', valid: 3, next: { doseNumber: 4, earliest: '2025-07-15' } },
  { rule: 'DPT4 is not yet eligible at 17 months', person: child(...DPT_ON_TIME), date: '2025-06-20', series: 'dpt', state: 'not-yet-eligible' },
  { rule: 'MR and DPT4 given at 18 months complete both series', person: child(...DPT_ON_TIME, dose('dpt', '2025-07-15'), dose('measles', '2024-10-15'), dose('measles', '2025-07-15')), date: '2025-08-01', series: 'dpt', state: 'complete', valid: 4 },
  // TT 10/2024: JE dose 1 at 12 months, dose 2 one to two weeks later, dose 3 one year after dose 2.
  { rule: 'JE dose 1 is due at 12 months', person: child(), date: '2025-01-15', series: 'je', state: 'due', next: { doseNumber: 1, due: '2025-01-15' } },
  { rule: 'JE dose 2 is due 1 week after dose 1 and overdue after 2 weeks', person: child(dose('je', '2025-01-15')), date: '2025-01-22', series: 'je', state: 'due', next: { doseNumber: 2, earliest: '2025-01-22', due: '2025-01-22', overdue: '2025-01-30' } },
  { rule: 'JE dose 3 comes a year after dose 2', person: child(dose('je', '2025-01-15'), dose('je', '2025-01-22')), date: '2025-06-01', series: 'je', state: 'not-yet-eligible', next: { doseNumber: 3, earliest: '2026-01-22', due: '2026-01-22', overdue: '2026-02-22' } },
  { rule: 'JE dose 3 given a year after dose 2 completes the series', person: child(dose('je', '2025-01-15'), dose('je', '2025-01-22'), dose('je', '2026-01-22')), date: '2026-02-01', series: 'je', state: 'complete', valid: 3 },
  // TT 10/2024: Td at 7 years.
  { rule: 'Td is not yet eligible before 7 years', person: { birthDate: '2017-03-10', sex: 'F' }, date: '2024-03-09', series: 'td', state: 'not-yet-eligible', next: { earliest: '2024-03-10' } },
  { rule: 'Td is due at 7 years', person: { birthDate: '2017-03-10', sex: 'F' }, date: '2024-03-10', series: 'td', state: 'due', next: { due: '2024-03-10', overdue: '2025-03-10', expires: '2033-03-10' } },
];

describe('TT 10/2024 children schedule, one case per rule', () => {
  it.each(CHILD_RULES)('$rule', ({ person, date, series, state, next, valid }) => {
    const s = seriesOf(person, date, series);
    expect(s.state).toBe(state);
    if (next) expect(s.next).toMatchObject(next);
    if (valid !== undefined) expect(s.validDoses).toBe(valid);
  });
});

// A woman born 01/05/2000, pregnant, expected delivery 30/06/2025 (pregnancy from 23/09/2024 by default).
const WOMAN_DOB = '2000-05-01';
const PREG1 = { expectedDelivery: '2025-06-30' };
const PREG2 = { expectedDelivery: '2026-05-01' };
const woman = (pregnancies: PersonInput['pregnancies'], ...dates: string[]): PersonInput => ({
  birthDate: WOMAN_DOB,
  sex: 'F',
  pregnancies,
  doses: dates.map((d) => ({ vaccineCode: 'UV', date: d })),
});
const UV5 = ['2025-01-10', '2025-02-10', '2025-08-10', '2026-08-10', '2027-08-10'];

const TETANUS_RULES: Case[] = [
  { rule: 'UV1 is due from the start of the first pregnancy, overdue 2 months before delivery', person: woman([PREG1]), date: '2025-01-10', series: 'uv', state: 'due', next: { doseNumber: 1, due: '2024-09-23', overdue: '2025-04-30', expires: null } },
  { rule: 'UV2 at least 1 month after UV1, overdue 1 month before delivery', person: woman([PREG1], '2025-01-10'), date: '2025-03-01', series: 'uv', state: 'due', next: { doseNumber: 2, earliest: '2025-02-10', due: '2025-02-10', overdue: '2025-05-30' } },
  { rule: 'UV2 not given a month before delivery is overdue', person: woman([PREG1], '2025-01-10'), date: '2025-06-01', series: 'uv', state: 'overdue' },
  { rule: 'UV3 at least 6 months after UV2; outside pregnancy it is due but never overdue', person: woman([{ ...PREG1, ended: '2025-06-28' }], ...UV5.slice(0, 2)), date: '2025-09-01', series: 'uv', state: 'due', next: { doseNumber: 3, earliest: '2025-08-10', overdue: null } },
  { rule: 'UV3 in the next pregnancy still waits 6 months after UV2', person: woman([PREG1, PREG2], ...UV5.slice(0, 2)), date: '2025-08-01', series: 'uv', state: 'not-yet-eligible', next: { earliest: '2025-08-10' } },
  { rule: 'UV3 in the next pregnancy is overdue 1 month before delivery', person: woman([PREG1, PREG2], ...UV5.slice(0, 2)), date: '2025-09-01', series: 'uv', state: 'due', next: { due: '2025-08-10', overdue: '2026-04-01' } },
  { rule: 'UV4 at least 1 year after UV3', person: woman([], ...UV5.slice(0, 3)), date: '2026-03-01', series: 'uv', state: 'not-yet-eligible', next: { doseNumber: 4, earliest: '2026-08-10' } },
  { rule: 'UV5 at least 1 year after UV4, then the series is complete', person: woman([], ...UV5), date: '2027-09-01', series: 'uv', state: 'complete', valid: 5 },
  { rule: 'a woman of 15–35 who is not pregnant is due UV1 from 15 years, never overdue', person: woman([]), date: '2020-01-01', series: 'uv', state: 'due', next: { due: '2015-05-01', overdue: null, expires: '2036-05-01' } },
  { rule: 'a woman over 35 who is not pregnant is past the age range', person: woman([]), date: '2037-01-01', series: 'uv', state: 'expired' },
  { rule: 'a pregnant woman over 35 is due regardless of age', person: woman([{ expectedDelivery: '2037-06-01' }]), date: '2037-01-01', series: 'uv', state: 'due', next: { expires: null } },
  { rule: 'a pregnant girl of 14 gets UV and it counts', person: { birthDate: '2011-01-01', sex: 'F', pregnancies: [{ expectedDelivery: '2025-08-01' }], doses: [{ vaccineCode: 'UV', date: '2025-03-01' }] }, date: '2025-03-05', series: 'uv', state: 'not-yet-eligible', valid: 1 },
  { rule: 'the women’s tetanus schedule does not apply to men', person: { birthDate: WOMAN_DOB, sex: 'M' }, date: '2025-01-01', series: 'uv', state: 'not-applicable' },
];

describe('tetanus (UV) for pregnant women and women of childbearing age', () => {
  it.each(TETANUS_RULES)('$rule', ({ person, date, series, state, next, valid }) => {
    const s = seriesOf(person, date, series, TETANUS_WOMEN);
    expect(s.state).toBe(state);
    if (next) expect(s.next).toMatchObject(next);
    if (valid !== undefined) expect(s.validDoses).toBe(valid);
  });
});

const INVALID: { rule: string; person: PersonInput; date: string; series: string; reasons: (string | null)[]; schedule?: Schedule }[] = [
  { rule: 'measles at 8 months is too early and does not count', person: child(dose('measles', '2024-09-20')), date: '2024-10-20', series: 'measles', reasons: ['too-early-age'] },
  { rule: '5-in-1 dose 1 before 2 months is too early', person: child(dose('dpt', '2024-03-10')), date: '2024-03-20', series: 'dpt', reasons: ['too-early-age'] },
  { rule: '5-in-1 doses 3 weeks apart: the second is too short an interval', person: child(dose('dpt', '2024-03-15'), dose('dpt', '2024-04-05')), date: '2024-04-20', series: 'dpt', reasons: [null, 'interval-too-short'] },
  { rule: 'an interval is measured from the previous valid dose, not the invalid one', person: child(dose('dpt', '2024-03-15'), dose('dpt', '2024-03-25'), dose('dpt', '2024-04-15')), date: '2024-04-20', series: 'dpt', reasons: [null, 'interval-too-short', null] },
  { rule: 'JE dose 3 less than a year after dose 2 is too short an interval', person: child(dose('je', '2025-01-15'), dose('je', '2025-01-22'), dose('je', '2025-12-01')), date: '2026-01-01', series: 'je', reasons: [null, null, 'interval-too-short'] },
  { rule: 'UV2 two weeks after UV1 is too short an interval', person: woman([PREG1], '2025-01-10', '2025-01-25'), date: '2025-02-01', series: 'uv', reasons: [null, 'interval-too-short'], schedule: TETANUS_WOMEN },
  { rule: 'BCG after the maximum age (1 year, L) does not count', person: child(dose('bcg', '2025-02-01')), date: '2025-03-01', series: 'bcg', reasons: ['after-maximum-age'] },
  { rule: 'hepatitis B "birth dose" at 10 days is after the maximum age', person: child(dose('hepb-birth', '2024-01-25')), date: '2024-02-01', series: 'hepb-birth', reasons: ['after-maximum-age'] },
  { rule: 'a dose before birth is too early', person: child(dose('bcg', '2024-01-10')), date: '2024-02-01', series: 'bcg', reasons: ['too-early-age'] },
  { rule: 'a live injected vaccine 10 days after another one (not the same day) does not count', person: child(dose('measles', '2024-10-15'), dose('bcg', '2024-10-25')), date: '2024-11-01', series: 'bcg', reasons: ['live-vaccine-interval'] },
  { rule: 'live vaccines given on the same day both count', person: child(dose('measles', '2024-10-15'), dose('bcg', '2024-10-15')), date: '2024-11-01', series: 'bcg', reasons: [null] },
  { rule: 'oral live vaccines are exempt from the 4-week rule', person: child(dose('bcg', '2024-03-01'), dose('bopv', '2024-03-15')), date: '2024-03-20', series: 'bopv', reasons: [null] },
  { rule: 'a second BCG is an extra dose', person: child(dose('bcg', '2024-01-16'), dose('bcg', '2024-02-01')), date: '2024-03-01', series: 'bcg', reasons: [null, 'series-complete'] },
  { rule: 'an impossible date is flagged', person: child(dose('bcg', '2024-02-30')), date: '2024-03-01', series: 'bcg', reasons: ['invalid-date'] },
  { rule: 'a dose dated after the evaluation date is not counted on it', person: child(dose('bcg', '2024-02-01')), date: '2024-01-20', series: 'bcg', reasons: ['after-evaluation-date'] },
];

describe('invalid doses are kept, flagged with a reason and not counted', () => {
  it.each(INVALID)('$rule', ({ person, date, series, reasons, schedule }) => {
    const s = seriesOf(person, date, series, schedule);
    expect(s.doses.map((d) => d.reason)).toEqual(reasons);
    expect(s.doses.map((d) => d.valid)).toEqual(reasons.map((r) => r === null));
    expect(s.validDoses).toBe(reasons.filter((r) => r === null).length);
  });

  it('a dose of an unknown vaccine is listed as unmatched', () => {
    const r = evaluateSchedule(child({ vaccineCode: 'COVID', date: '2024-03-01' }, { seriesKey: 'nope', date: '2024-03-01' }), TT10, '2024-04-01');
    expect(r.unmatched.map((d) => d.reason)).toEqual(['unknown-vaccine', 'unknown-vaccine']);
  });

  it('a birth date known only to the year cannot be scheduled', () => {
    const r = evaluateSchedule({ birthDate: '2024', doses: [dose('bcg', '2024-02-01')] }, TT10, '2024-04-01');
    expect(new Set(r.series.map((s) => s.state))).toEqual(new Set(['unknown']));
    expect(r.series.find((s) => s.key === 'bcg')!.doses[0]!.reason).toBe('unknown-birth-date');
  });
});

describe('late doses continue the series; nothing restarts', () => {
  it('5-in-1 started at 6 months: dose 3 follows dose 2 by a month and is overdue at once', () => {
    const s = seriesOf(child(dose('dpt', '2024-07-15'), dose('dpt', '2024-10-15')), '2024-11-20', 'dpt');
    expect(s.validDoses).toBe(2);
    expect(s.state).toBe('overdue');
    expect(s.next).toMatchObject({ doseNumber: 3, earliest: '2024-11-15', due: '2024-11-15', overdue: '2024-11-15' });
  });

  it('JE dose 3 given two years after dose 2 still completes the series', () => {
    const s = seriesOf(child(dose('je', '2025-01-15'), dose('je', '2025-01-22'), dose('je', '2027-02-01')), '2027-03-01', 'je');
    expect(s.state).toBe('complete');
  });

  it('UV3 five years after UV2 continues the series at UV4', () => {
    const s = seriesOf(woman([], '2020-01-01', '2020-02-01', '2025-02-01'), '2025-03-01', 'uv', TETANUS_WOMEN);
    expect(s.validDoses).toBe(3);
    expect(s.next).toMatchObject({ doseNumber: 4, earliest: '2026-02-01' });
  });
});

describe('grace days, due lists and versions', () => {
  it('with 4 grace days (CDSi) a dose 3 days early counts; without, it does not', () => {
    const early = child(dose('measles', '2024-10-12'));
    expect(seriesOf(early, '2024-10-20', 'measles').validDoses).toBe(0);
    expect(seriesOf(early, '2024-10-20', 'measles', { ...TT10, graceDays: 4 }).validDoses).toBe(1);
  });

  it('lists the doses due or overdue on a session date', () => {
    const due = dueOn(child(dose('hepb-birth', DOB)), TT10, '2024-03-20');
    expect(due.map((d) => [d.seriesKey, d.doseNumber, d.state])).toEqual([
      ['bcg', 1, 'overdue'],
      ['dpt', 1, 'due'],
      ['bopv', 1, 'due'],
      ['rota', 1, 'due'],
    ]);
  });

  it('lists MR and DPT4 together at 18 months', () => {
    const due = dueOn(child(...DPT_ON_TIME, dose('measles', '2024-10-15')), TT10, '2025-07-15').map((d) => d.label);
    expect(due).toEqual(expect.arrayContaining(['DPT4', 'Sởi-Rubella (MR, 18 tháng)']));
  });

  it('picks the version in force on a date', () => {
    const next = { ...TT10, id: 'tt52-2025-children', effectiveFrom: '2026-02-15' };
    const versions = [next, TT10, TETANUS_WOMEN];
    expect(scheduleEffectiveOn(versions, 'epi-children', '2024-07-31')).toBeNull();
    expect(scheduleEffectiveOn(versions, 'epi-children', '2024-08-01')?.id).toBe('tt10-2024-children');
    expect(scheduleEffectiveOn(versions, 'epi-children', '2026-02-14')?.id).toBe('tt10-2024-children');
    expect(scheduleEffectiveOn(versions, 'epi-children', '2026-02-15')?.id).toBe('tt52-2025-children');
    expect(scheduleEffectiveOn(versions, 'tetanus-women', '2025-01-01')?.id).toBe('tetanus-women-2024');
    const ended = [{ ...TT10, effectiveUntil: '2026-01-01' }];
    expect(scheduleEffectiveOn(ended, 'epi-children', '2026-01-01')).toBeNull();
  });
});
