import type { ProcedureOutput } from '../../../shared/contract/index.js';
import { fullyImmunizedUnder1 } from '../../../shared/immunization/coverage.js';
import type { HandlerContext } from '../dispatch/types.js';
import { refuseOne } from './common.js';
import { nameSortKey } from './due.js';
import { evaluatePerson } from './evaluate.js';
import { doseFactsOf, hamletNames, personRows, pregnanciesOf } from './repo.js';
import { scheduleFor } from './schedules.js';

/**
 * The child immunization register (sổ tiêm chủng cơ bản trẻ em, A2.1 columns; immunization.md "Registers and
 * coverage", M): children born in a period, each with the date of every valid dose of the basic schedule, whether
 * the hepatitis B birth dose was within 24 h, the date of full immunization before 1 year, the boosters and the
 * mother's tetanus doses before the birth. Invalid doses are named in the notes, not in the columns.
 */

type RegisterRow = ProcedureOutput<'imm.register'>['rows'][number];

export function childRegister(ctx: HandlerContext, from: string, to: string, hamletId: string | null): RegisterRow[] {
  if (from > to || to.slice(0, 4) > String(Number(from.slice(0, 4)) + 6)) refuseOne(ctx, 'to', 'v.immPeriod');
  const sqlite = ctx.station.sqlite;
  const ids = sqlite
    .prepare(
      `SELECT p.id FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.deleted = 0 AND p.merged_into IS NULL AND length(p.birth_date) = 10 AND p.birth_date BETWEEN @from AND @to
         AND (@hamlet IS NULL OR h.hamlet_id = @hamlet)`,
    )
    .pluck()
    .all({ from, to, hamlet: hamletId }) as string[];
  const people = personRows(sqlite, ids);
  const doses = doseFactsOf(sqlite, ids);
  const within = new Map(
    (
      sqlite
        .prepare(`SELECT person_id, within_24h FROM imm_doses WHERE series_key = 'hepb-birth' AND deleted = 0 AND voided_at IS NULL AND person_id IN (SELECT value FROM json_each(?))`)
        .raw()
        .all(JSON.stringify(ids)) as [string, number | null][]
    ).map(([id, w]) => [id, w === null ? null : w === 1]),
  );
  // Mothers: the household member named as the mother (the registry links a newborn to the mother by name).
  const mothers = new Map(
    sqlite
      .prepare(
        `SELECT c.value AS childId, (SELECT m.id FROM persons p JOIN persons m ON m.household_id = p.household_id AND m.full_name = p.mother_name AND m.sex = 'F' AND m.deleted = 0
           WHERE p.id = c.value LIMIT 1) AS motherId FROM json_each(?) c`,
      )
      .raw()
      .all(JSON.stringify(ids)) as [string, string | null][],
  );
  const motherIds = [...new Set([...mothers.values()].filter((m): m is string => m !== null))];
  const motherDoses = doseFactsOf(sqlite, motherIds);
  const motherPregs = pregnanciesOf(sqlite, motherIds);
  const motherRows = personRows(sqlite, motherIds);
  const schedule = scheduleFor(ctx.station, 'epi-children', ctx.today);
  const tetanus = scheduleFor(ctx.station, 'tetanus-women', ctx.today);
  const names = hamletNames(sqlite);
  const order = (id: string | null) => (id ? (names.get(id)?.sort ?? 1e9) : 2e9);
  const list = [...people.values()].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || order(a.hamletId) - order(b.hamletId) || nameSortKey(a.fullName).localeCompare(nameSortKey(b.fullName)));
  return list.map((p, i) => {
    const ev = evaluatePerson(schedule, p, doses.get(p.id) ?? [], [], ctx.today);
    const valid: Record<string, string[]> = {};
    const invalid: string[] = [];
    for (const s of ev.series) {
      valid[s.key] = s.doses.filter((d) => d.valid).map((d) => d.dose.date);
      for (const d of s.doses) if (!d.valid && d.reason !== 'after-evaluation-date') invalid.push(`${s.name} ${d.dose.date.split('-').reverse().join('/')} không hợp lệ`);
    }
    const at = (key: string, n: number) => valid[key]?.[n] ?? null;
    const motherId = mothers.get(p.id) ?? null;
    let motherUvDoses: number | null = null;
    if (motherId) {
      const m = motherRows.get(motherId);
      if (m) {
        const mev = evaluatePerson(tetanus, m, motherDoses.get(motherId) ?? [], motherPregs.get(motherId) ?? [], ctx.today);
        motherUvDoses = mev.series.reduce((n, s) => n + s.doses.filter((d) => d.valid && d.dose.date <= p.birthDate).length, 0);
      }
    }
    const facts = { personId: p.id, hamletId: p.hamletId, birthDate: p.birthDate, valid, hepbWithin24h: null };
    return {
      order: i + 1,
      personId: p.id,
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      parentName: p.motherName ?? p.fatherName ?? p.carerName,
      address: p.address,
      hamletName: p.hamletName,
      bcg: at('bcg', 0),
      hepbBirth: at('hepb-birth', 0),
      hepbWithin24h: at('hepb-birth', 0) ? (within.get(p.id) ?? null) : null,
      dpt: [at('dpt', 0), at('dpt', 1), at('dpt', 2)],
      opv: [at('bopv', 0), at('bopv', 1), at('bopv', 2)],
      ipv: [at('ipv', 0), at('ipv', 1)],
      measles1: at('measles', 0),
      fullyImmunizedOn: fullyImmunizedUnder1(facts),
      dpt4: at('dpt', 3),
      measles2: at('measles', 1),
      je: [at('je', 0), at('je', 1), at('je', 2)],
      motherUvDoses,
      notes: [p.status !== 'active' ? (p.status === 'moved_away' ? 'Đã chuyển đi' : p.status === 'died' ? 'Đã mất' : '') : '', ...invalid].filter(Boolean).join('; '),
    };
  });
}
