import type { DueRow, ImmPerson } from '../../../shared/contract/immunization.js';
import { addDays, subtractDuration, type Duration } from '../../../shared/immunization/dates.js';
import { dueOn, type DueDose } from '../../../shared/immunization/engine.js';
import { dueFromPacked, packPending, pendingOf, type PackedSeries } from '../../../shared/immunization/pending.js';
import { pruneSchedule, relevantSeries } from '../../../shared/immunization/pruning.js';
import type { Schedule } from '../../../shared/immunization/schedule-schema.js';
import { ageInMonths } from '../../../shared/persons/age.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import type { Station } from '../station.js';
import { readMeta, writeMeta } from '../sync-data/meta.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import { PREGNANCY_GRACE_DAYS, pregnancyInputs, recordedDoses } from './evaluate.js';
import { doseFactsOf, hamletNames, immPerson, personRows, pregnanciesOf, pregnantCandidates } from './repo.js';
import { scheduleFor } from './schedules.js';

/**
 * The due list (issue 7 §3): everyone in the given hamlets with a dose due or overdue on a date, fast enough for a
 * whole commune (≤ 300 ms at 100,000 persons). Children come from `imm_due_cache`: each child's pending series,
 * computed by the engine once per change (shared/immunization/pending.ts), read by an index on the first due date;
 * the state on the date is derived from the cached dates. Pregnant women (and optionally women 15–35) are evaluated
 * directly: their schedule depends on the date through the pregnancy. Contacts are read only for people who are due.
 */

export type Group = DueRow['group'];
export interface DueEntry {
  personId: string;
  group: Group;
  hamletId: string | null;
  birthDate: string;
  doses: DueDose[];
  /** Contacts from the cache (children); read from the registry for the others. */
  person?: ImmPerson;
}

/** The oldest age any series of the schedule reaches (its doses' maximum ages); 16 years when a series has none. */
function oldestAge(schedule: Schedule): Duration {
  let best: { d: Duration; days: number } | null = null;
  for (const s of schedule.series)
    for (const d of s.doses) {
      const max = d.maximumAge ?? { years: 16 };
      const days = (max.years ?? 0) * 366 + (max.months ?? 0) * 31 + (max.weeks ?? 0) * 7 + (max.days ?? 0);
      if (!best || days > best.days) best = { d: max, days };
    }
  return best?.d ?? { years: 16 };
}

/** A schedule pruned per set of relevant series, shared across the people of one computation. */
function prunedCache(schedule: Schedule) {
  const cache = new Map<string, Schedule>();
  return (birthDate: string, date: string, pregnant = false): Schedule => {
    const keep = relevantSeries(schedule, birthDate, date, pregnant);
    if (keep === null) return schedule;
    const key = keep.join(',');
    let s = cache.get(key);
    if (!s) cache.set(key, (s = pruneSchedule(schedule, keep)));
    return s;
  };
}

/**
 * Women and girls younger than this at a refresh get their tetanus schedule cached: a due list's women 15–35 are all
 * computed for dates up to 4 years before the refresh (earlier lists evaluate them directly).
 */
const WOMEN_COMPUTED_AGE: Duration = { years: 40 };
/** Persons whose birth + oldest schedule age was more than a year before the refresh: nothing pending, not evaluated. */
const ADULT_MARGIN: Duration = { years: 1 };
const REFRESH_BATCH = 4000;
/**
 * The cache answers for dates from this many days before the refresh: series that expired earlier are left out of a
 * row, so old misses do not keep a child on every list, while a list for a recent past day (a session summary the
 * next morning, a benchmark on yesterday's data) still reads the cache.
 */
export const CACHE_PAST_DAYS = 90;

/**
 * Brings `imm_due_cache` up to date: rows made stale by the triggers (new persons, changed persons, hamlets or doses)
 * are evaluated again; a change of the schedule version in force marks every row stale once. Runs in its own short
 * transactions (the cache is local, not synced): in one process every write is synchronous, so it cannot interleave
 * with a write procedure.
 */
export function refreshDueCache(station: Station, schedule: Schedule, women: Schedule, today: string, maxRows = Infinity): number {
  const sqlite = station.sqlite;
  if (readMeta(sqlite, 'imm.dueCache.schedule') !== schedule.id || readMeta(sqlite, 'imm.dueCache.womenSchedule') !== women.id) {
    sqlite.transaction(() => {
      sqlite.prepare(`UPDATE imm_due_cache SET stale = 1`).run();
      writeMeta(sqlite, 'imm.dueCache.schedule', schedule.id);
      writeMeta(sqlite, 'imm.dueCache.womenSchedule', women.id);
    })();
  }
  // A row sheds a series CACHE_PAST_DAYS after it expires (so old misses do not keep a child on every list).
  const validFrom = addDays(today, -CACHE_PAST_DAYS);
  sqlite.prepare(`UPDATE imm_due_cache SET stale = 1 WHERE next_expiry <= ? AND +stale = 0`).run(validFrom);
  const adultBefore = subtractDuration(subtractDuration(today, oldestAge(schedule)), ADULT_MARGIN);
  const womenAfter = subtractDuration(today, WOMEN_COMPUTED_AGE);
  const pick = sqlite.prepare(`SELECT person_id FROM imm_due_cache WHERE stale = 1 LIMIT ?`).pluck();
  const update = sqlite.prepare(
    `UPDATE imm_due_cache SET stale = 0, schedule_id = @scheduleId, birth_date = @birthDate, sex = @sex, hamlet_id = @hamletId,
       last_dose_on = @lastDoseOn, first_due = @firstDue, until = @until, series = @series, computed_on = @today, next_expiry = @nextExpiry,
       person = @person, active = @active, woman_series = @womanSeries, woman_last_dose_on = @womanLastDoseOn
     WHERE person_id = @personId`,
  );
  const drop = sqlite.prepare(`DELETE FROM imm_due_cache WHERE person_id = ?`);
  let refreshed = 0;
  while (refreshed < maxRows) {
    const ids = pick.all(Math.min(REFRESH_BATCH, maxRows - refreshed)) as string[];
    if (ids.length === 0) break;
    const people = sqlite
      .prepare(
        `SELECT p.id, p.birth_date, p.sex, p.status, p.deleted, p.merged_into, h.hamlet_id FROM persons p LEFT JOIN households h ON h.id = p.household_id
         WHERE p.id IN (SELECT value FROM json_each(?))`,
      )
      .raw()
      .all(JSON.stringify(ids)) as [string, string, 'M' | 'F', string, number, string | null, string | null][];
    const found = new Map(people.map((p) => [p[0], p]));
    const children = people.filter(([, birth, , status, deleted, merged]) => status === 'active' && deleted === 0 && merged === null && birth.length === 10 && birth > adultBefore).map((p) => p[0]);
    // The women 15–35 a due list may ask for (as candidatePersons selects them: active, not deleted, full birth date).
    const womenIds = people.filter(([, birth, sex, status, deleted]) => sex === 'F' && status === 'active' && deleted === 0 && birth.length === 10 && birth > womenAfter).map((p) => p[0]);
    const doses = doseFactsOf(sqlite, [...new Set([...children, ...womenIds])]);
    const childSet = new Set(children);
    const pendings = new Map(children.map((id) => {
      const [, birthDate, sex] = found.get(id)!;
      return [id, pendingOf({ birthDate, sex, doses: recordedDoses(schedule, doses.get(id) ?? []) }, schedule, validFrom)] as const;
    }));
    // No `asOf` for women: nothing is shed, so the row answers for any date after her last dose.
    const womenPending = new Map(womenIds.map((id) => [id, pendingOf({ birthDate: found.get(id)![1], sex: 'F', doses: recordedDoses(women, doses.get(id) ?? []) }, women)] as const));
    // Contacts only for the persons with something pending (the rows a due list can return).
    const contacts = personRows(sqlite, people.map((p) => p[0]).filter((id) => (pendings.get(id)?.series.length ?? 0) > 0 || (womenPending.get(id)?.series.length ?? 0) > 0));
    sqlite.transaction(() => {
      for (const id of ids) {
        const p = found.get(id);
        if (!p) {
          drop.run(id); // the person row is gone (never happens with tombstones; a stale id from a failed write)
          continue;
        }
        const [, birthDate, sex, status, deleted, , hamletId] = p;
        const mine = childSet.has(id) ? (doses.get(id) ?? []) : [];
        const pending = pendings.get(id) ?? null;
        const woman = womenPending.get(id);
        const contact = contacts.get(id);
        let last: string | null = null;
        for (const d of mine) if (last === null || d.givenOn > last) last = d.givenOn;
        let womanLast: string | null = null;
        if (woman) for (const d of doses.get(id) ?? []) if (womanLast === null || d.givenOn > womanLast) womanLast = d.givenOn;
        update.run({
          personId: id,
          scheduleId: schedule.id,
          birthDate,
          sex,
          hamletId,
          lastDoseOn: last,
          firstDue: pending?.firstDue ?? null,
          until: pending?.until ?? null,
          today: validFrom,
          nextExpiry: pending?.nextExpiry ?? null,
          series: pending && pending.series.length ? JSON.stringify(packPending(pending.series, schedule)) : null,
          person: contact ? JSON.stringify(immPerson(contact)) : null,
          active: status === 'active' && deleted === 0 ? 1 : 0,
          womanSeries: woman ? JSON.stringify(packPending(woman.series, women)) : null,
          womanLastDoseOn: womanLast,
        });
      }
    })();
    refreshed += ids.length;
  }
  return refreshed;
}

export function computeDue(
  station: Station,
  opts: { date: string; hamletIds: readonly string[] | null; includeWomen: boolean; today?: string },
): { date: string; scheduleIds: string[]; entries: DueEntry[] } {
  const { date } = opts;
  const sqlite = station.sqlite;
  const children = scheduleFor(station, 'epi-children', date);
  const women = scheduleFor(station, 'tetanus-women', date);
  const today = opts.today ?? stationDate(station.now());
  refreshDueCache(station, children, women, today);
  const hamlets = opts.hamletIds ? JSON.stringify(opts.hamletIds) : null;
  const entries = new Map<string, DueEntry>();
  // Children from the cache: only rows with a pending dose due by the date and not all expired.
  // `+stale`: the first-due index drives the query (the stale index would visit every row).
  const cached = sqlite
    .prepare(
      `SELECT person_id, hamlet_id, birth_date, series, person FROM imm_due_cache
       WHERE +stale = 0 AND schedule_id = @sid AND first_due <= @date AND (until IS NULL OR until > @date) AND computed_on <= @date
         AND (last_dose_on IS NULL OR last_dose_on <= @date) AND (@hamlets IS NULL OR hamlet_id IN (SELECT value FROM json_each(@hamlets)))`,
    )
    .raw()
    .all({ date, hamlets, sid: children.id }) as [string, string | null, string, string, string | null][];
  for (const [personId, hamletId, birthDate, series, person] of cached) {
    const due = dueFromPacked(JSON.parse(series) as PackedSeries[], children, date);
    if (due.length) entries.set(personId, { personId, group: 'child', hamletId, birthDate, doses: due, ...(person ? { person: JSON.parse(person) as ImmPerson } : {}) });
  }
  // A date before the rows were computed (a past session), or before some recorded doses: those children are
  // evaluated on the date itself (slower, and rare: a list for a day already gone).
  const past = date >= today ? [] : sqlite
    .prepare(
      `SELECT person_id, hamlet_id, birth_date, sex FROM imm_due_cache
       WHERE stale = 0 AND (last_dose_on > @date OR (computed_on > @date AND birth_date > @oldest)) AND birth_date <= @date
         AND (@hamlets IS NULL OR hamlet_id IN (SELECT value FROM json_each(@hamlets)))`,
    )
    .raw()
    .all({ date, hamlets, oldest: subtractDuration(date, oldestAge(children)) }) as [string, string | null, string, 'M' | 'F'][];
  if (past.length) {
    const doses = doseFactsOf(
      sqlite,
      past.map((p) => p[0]),
    );
    const pruned = prunedCache(children);
    for (const [personId, hamletId, birthDate, sex] of past) {
      const schedule = pruned(birthDate, date);
      const due = dueOn({ birthDate, sex, doses: recordedDoses(schedule, doses.get(personId) ?? []) }, schedule, date);
      if (due.length) entries.set(personId, { personId, group: 'child', hamletId, birthDate, doses: due });
    }
  }

  // Women: pregnant women are evaluated directly (their schedule depends on the date through the pregnancy); women
  // 15–35, when asked, come from the cache unless they have a pregnancy on record, a dose after the date, or a row
  // not computed for women (a list more than 4 years before the refresh): those are evaluated directly too.
  const pregnant = pregnantCandidates(sqlite, date, addDays(date, -PREGNANCY_GRACE_DAYS), opts.hamletIds);
  const adultWomen = opts.includeWomen ? cachedWomen(station, date, opts.hamletIds) : [];
  const womenById = new Map<string, { id: string; birthDate: string; hamletId: string | null; group: Group; due?: DueDose[]; person?: string | null }>();
  for (const w of adultWomen) {
    const due = w.series !== null && (w.lastDoseOn === null || w.lastDoseOn <= date) && !w.pregnancyOnRecord ? dueFromPacked(JSON.parse(w.series) as PackedSeries[], women, date) : undefined;
    womenById.set(w.id, { id: w.id, birthDate: w.birthDate, hamletId: w.hamletId, group: 'woman', ...(due ? { due, person: w.person } : {}) });
  }
  for (const w of pregnant) womenById.set(w.id, { ...w, group: 'pregnant' });
  const ids = [...womenById.values()].filter((w) => !w.due).map((w) => w.id);
  const doses = doseFactsOf(sqlite, ids);
  const pregs = pregnanciesOf(sqlite, ids);
  for (const w of womenById.values()) {
    const due = w.due ?? dueOn({ birthDate: w.birthDate, sex: 'F', pregnancies: pregnancyInputs(pregs.get(w.id) ?? []), doses: recordedDoses(women, doses.get(w.id) ?? []) }, women, date);
    if (!due.length) continue;
    const had = entries.get(w.id);
    if (had) had.doses.push(...due);
    else entries.set(w.id, { personId: w.id, group: w.group, hamletId: w.hamletId, birthDate: w.birthDate, doses: due, ...(w.person ? { person: JSON.parse(w.person) as ImmPerson } : {}) });
  }
  return { date, scheduleIds: [children.id, women.id], entries: [...entries.values()] };
}

/**
 * The women 15–35 on `date` (as candidatePersons selects them) from the cache, with their cached tetanus pending and
 * whether they have a pregnancy on record.
 */
function cachedWomen(station: Station, date: string, hamletIds: readonly string[] | null) {
  const sqlite = station.sqlite;
  // Everyone with a pregnancy on record (a few thousand ids; one index scan is cheaper than a lookup per woman).
  const pregnancy = new Set(sqlite.prepare(`SELECT DISTINCT person_id FROM imm_pregnancies WHERE deleted = 0`).pluck().all() as string[]);
  const rows = sqlite
    .prepare(
      `SELECT person_id, birth_date, hamlet_id, woman_series, woman_last_dose_on, person FROM imm_due_cache
       WHERE sex = 'F' AND birth_date > @minBirth AND birth_date <= @maxBirth AND active = 1 AND length(birth_date) = 10
         AND (@hamlets IS NULL OR hamlet_id IN (SELECT value FROM json_each(@hamlets)))`,
    )
    .raw()
    .all({ minBirth: subtractDuration(date, { years: 36 }), maxBirth: subtractDuration(date, { years: 15 }), hamlets: hamletIds ? JSON.stringify(hamletIds) : null }) as [
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
  ][];
  return rows.map(([id, birthDate, hamletId, series, lastDoseOn, person]) => ({ id, birthDate, hamletId, series, lastDoseOn, person, pregnancyOnRecord: pregnancy.has(id) }));
}

/** Due entries as the contract's due list: contacts, grouped by hamlet in display order, names sorted. */
/** Sort key of a Vietnamese name: the given name (last word), then the whole name, folded. */
export function nameSortKey(fullName: string): string {
  const folded = foldVietnamese(fullName);
  return `${folded.slice(folded.lastIndexOf(' ') + 1)} ${folded}`;
}

export function dueListView(station: Station, computed: ReturnType<typeof computeDue>, checkedIn: ReadonlySet<string> = new Set()) {
  const people = personRows(
    station.sqlite,
    computed.entries.filter((e) => !e.person).map((e) => e.personId),
  );
  const hamlets = hamletNames(station.sqlite);
  const groups = new Map<string | null, { hamletId: string | null; hamletName: string | null; rows: DueRow[] }>();
  const dosesByVaccine: Record<string, number> = {};
  for (const e of computed.entries) {
    const row = people.get(e.personId);
    const person = e.person ?? (row ? immPerson(row) : null);
    if (!person) continue;
    let g = groups.get(e.hamletId);
    const hamletName = e.hamletId ? (hamlets.get(e.hamletId)?.name ?? null) : null;
    if (!g) groups.set(e.hamletId, (g = { hamletId: e.hamletId, hamletName, rows: [] }));
    g.rows.push({
      // The hamlet's current name (a rename does not touch the cached contacts).
      person: { ...person, hamletId: e.hamletId, hamletName },
      group: e.group,
      ageMonths: ageInMonths(e.birthDate, computed.date),
      doses: e.doses as DueRow['doses'],
      checkedIn: checkedIn.has(e.personId),
    });
    for (const d of e.doses) for (const v of d.vaccines) dosesByVaccine[v] = (dosesByVaccine[v] ?? 0) + 1;
  }
  const order = (id: string | null) => (id ? (hamlets.get(id)?.sort ?? 1e9) : 2e9);
  const list = [...groups.values()].sort((a, b) => order(a.hamletId) - order(b.hamletId));
  // Vietnamese lists go by given name (the last word), then the full name; folded keys sort fast (no collator).
  const keys = new Map<DueRow, string>();
  // The id last: namesakes born the same day keep one order whichever way the entries were gathered.
  for (const g of list) for (const r of g.rows) keys.set(r, `${r.group}|${nameSortKey(r.person.fullName)}|${r.person.birthDate}|${r.person.id}`);
  for (const g of list) g.rows.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
  return { date: computed.date, scheduleIds: computed.scheduleIds, total: computed.entries.length, groups: list, dosesByVaccine };
}
