import type { ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import { subtractDuration } from '../../../shared/immunization/dates.js';
import type { ScheduleEvaluation } from '../../../shared/immunization/engine.js';
import { ageInMonths, ageInYears } from '../../../shared/persons/age.js';
import type { HandlerContext } from '../dispatch/types.js';
import { computeDue } from './due.js';
import { evaluatePerson, isOngoing, pregnancyView } from './evaluate.js';
import { candidatePersons, doseFactsOf, hamletNames, immPerson, personRows, pregnanciesOf, pregnantCandidates } from './repo.js';
import { scheduleFor } from './schedules.js';

/** Registers of the target groups: children under 6, women 15–49 and pregnant women, with a status summary. */

type Summary = ProcedureOutput<'imm.children'>['rows'][number]['summary'];

export function summaryOf(ev: ScheduleEvaluation): Summary {
  let complete = 0;
  let due = 0;
  let overdue = 0;
  let nextDue: string | null = null;
  let invalidDoses = 0;
  const dueLabels: string[] = [];
  for (const s of ev.series) {
    if (s.state === 'complete') complete++;
    if (s.state === 'due') due++;
    if (s.state === 'overdue') overdue++;
    if ((s.state === 'due' || s.state === 'overdue') && s.next) dueLabels.push(s.next.label);
    if (s.next && s.state !== 'expired' && (nextDue === null || s.next.due < nextDue)) nextDue = s.next.due;
    invalidDoses += s.doses.filter((d) => !d.valid && d.reason !== 'after-evaluation-date').length;
  }
  return { complete, due, overdue, nextDue, dueLabels, invalidDoses };
}

function sortByHamlet<T extends { hamletId: string | null; birthDate: string }>(ctx: HandlerContext, rows: T[], newestFirst: boolean): T[] {
  const hamlets = hamletNames(ctx.station.sqlite);
  const order = (id: string | null) => (id ? (hamlets.get(id)?.sort ?? 1e9) : 2e9);
  return rows.sort((a, b) => order(a.hamletId) - order(b.hamletId) || (newestFirst ? b.birthDate.localeCompare(a.birthDate) : a.birthDate.localeCompare(b.birthDate)));
}

export function childrenRegister(ctx: HandlerContext, input: ProcedureParsedInput<'imm.children'>): ProcedureOutput<'imm.children'> {
  const date = input.date ?? ctx.today;
  const sqlite = ctx.station.sqlite;
  const schedule = scheduleFor(ctx.station, 'epi-children', date);
  const hamletIds = input.hamletId ? [input.hamletId] : null;
  let candidates = candidatePersons(sqlite, { minBirth: subtractDuration(date, { years: 6 }), maxBirth: date, hamletIds });
  if (input.dueOnly) {
    const due = new Set(computeDue(ctx.station, { date, hamletIds, includeWomen: false }).entries.filter((e) => e.group === 'child').map((e) => e.personId));
    candidates = candidates.filter((c) => due.has(c.id));
  }
  const page = sortByHamlet(ctx, candidates, true).slice(input.offset, input.offset + input.limit);
  const ids = page.map((c) => c.id);
  const people = personRows(sqlite, ids);
  const doses = doseFactsOf(sqlite, ids);
  const rows = page.flatMap((c) => {
    const p = people.get(c.id);
    if (!p) return [];
    const ev = evaluatePerson(schedule, p, doses.get(c.id) ?? [], [], date);
    return [{ person: immPerson(p), ageMonths: ageInMonths(p.birthDate, date), summary: summaryOf(ev) }];
  });
  return { date, scheduleId: schedule.id, total: candidates.length, rows };
}

export function womenRegister(ctx: HandlerContext, input: ProcedureParsedInput<'imm.women'>): ProcedureOutput<'imm.women'> {
  const date = input.date ?? ctx.today;
  const sqlite = ctx.station.sqlite;
  const schedule = scheduleFor(ctx.station, 'tetanus-women', date);
  const hamletIds = input.hamletId ? [input.hamletId] : null;
  const candidates = input.pregnantOnly
    ? pregnantCandidates(sqlite, date, subtractDuration(date, { weeks: 6 }), hamletIds)
    : candidatePersons(sqlite, { minBirth: subtractDuration(date, { years: 50 }), maxBirth: subtractDuration(date, { years: 15 }), hamletIds, sex: 'F' });
  const page = sortByHamlet(ctx, [...candidates], false).slice(input.offset, input.offset + input.limit);
  const ids = page.map((c) => c.id);
  const people = personRows(sqlite, ids);
  const doses = doseFactsOf(sqlite, ids);
  const pregs = pregnanciesOf(sqlite, ids);
  const rows = page.flatMap((c) => {
    const p = people.get(c.id);
    if (!p) return [];
    const mine = pregs.get(c.id) ?? [];
    const ev = evaluatePerson(schedule, p, doses.get(c.id) ?? [], mine, date);
    const current = mine.find((g) => isOngoing(g, date)) ?? null;
    return [
      {
        person: immPerson(p),
        age: ageInYears(p.birthDate, date),
        pregnancy: current ? pregnancyView(current, date) : null,
        uvDoses: ev.series.reduce((n, s) => n + s.validDoses, 0),
        summary: summaryOf(ev),
      },
    ];
  });
  return { date, scheduleId: schedule.id, total: candidates.length, rows };
}
