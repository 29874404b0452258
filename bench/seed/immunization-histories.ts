import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { addDays, addDuration, latest } from '../../shared/immunization/dates.js';
import { TETANUS_WOMEN, TT10_2024_CHILDREN } from '../../shared/immunization/schedules/index.js';
import { Rng } from './rng.js';

/**
 * Immunization histories for a generated station (issue 7 §7), written straight into a benchmark's WORK COPY with
 * SQL — deterministic for a seed, fast (a 100,000-person station in seconds), and without touching the cached
 * station or the generator's shapes (adding a shape regenerates every cached station for everyone).
 *
 * Model (L, chosen to look like a commune with good EPI coverage): each dose of a child's schedule is given with
 * probability 0.96 (0.9 for the hepatitis B birth dose, recorded from the hospital), 70 % within two weeks of the
 * due date, 22 % two to seven weeks late, 8 % two to six months late; a dose missed on time is caught up one to
 * twelve months later for 60 % of children (defaulter tracing), otherwise it ends the series. Doses are never dated
 * after `today`. About 1.2 % of women 18–40 are pregnant, with UV doses by the same rule.
 */
export interface HistoryCounts {
  children: number;
  doses: number;
  pregnancies: number;
}

export function seedImmunizationHistories(sqlite: Database.Database, facility: string, today: string, seed: string): HistoryCounts {
  const rng = new Rng(`${seed}/immunization`);
  const kids = sqlite
    .prepare(`SELECT id, birth_date FROM persons WHERE deleted = 0 AND status = 'active' AND length(birth_date) = 10 AND birth_date > ? AND birth_date <= ?`)
    .raw()
    .all(addDays(today, -16 * 366), today) as [string, string][];
  const insert = sqlite.prepare(
    `INSERT INTO imm_doses (id, owner_facility, hlc, deleted, person_id, vaccine_code, series_key, schedule_id, given_on, given_elsewhere, place,
       within_24h, valid_when_recorded, created_at)
     VALUES (@id, @owner, @hlc, 0, @personId, @code, @series, @schedule, @date, @elsewhere, @place, @within, 1, @createdAt)`,
  );
  const late = () => {
    const r = rng.next();
    if (r < 0.7) return Math.floor(rng.next() * 14);
    if (r < 0.92) return 14 + Math.floor(rng.next() * 35);
    return 60 + Math.floor(rng.next() * 120);
  };
  let doses = 0;
  const write = (personId: string, code: string, series: string, schedule: string, date: string, elsewhere: boolean, within: number | null) => {
    insert.run({
      id: uuidv7(),
      owner: facility,
      hlc: `${'0'.repeat(15)}-0000-bench`,
      personId,
      code,
      series,
      schedule,
      date,
      elsewhere: elsewhere ? 1 : 0,
      place: elsewhere ? 'Bệnh viện huyện' : null,
      within,
      createdAt: `${date}T02:00:00.000Z`,
    });
    doses++;
  };
  let pregnancies = 0;
  sqlite.transaction(() => {
    for (const [id, birth] of kids) {
      for (const s of TT10_2024_CHILDREN.series) {
        let prev: string | null = null;
        for (const d of s.doses) {
          const birthDose = s.key === 'hepb-birth';
          const onTime = rng.next() < (birthDose ? 0.9 : 0.96);
          if (!onTime && (birthDose || rng.next() >= 0.6)) break;
          const byAge = addDuration(birth, d.recommendedAge ?? d.minimumAge);
          const interval = d.recommendedInterval ?? d.minimumInterval;
          const delay = onTime ? late() : 30 + Math.floor(rng.next() * 335);
          const date: string = birthDose ? birth : addDays(latest(byAge, prev && interval ? addDuration(prev, interval) : null)!, delay);
          if (date > today) break;
          write(id, d.vaccines[0]!, s.key, TT10_2024_CHILDREN.id, date, birthDose, birthDose ? 1 : null);
          prev = date;
        }
      }
    }
    const women = sqlite
      .prepare(`SELECT id FROM persons WHERE deleted = 0 AND status = 'active' AND sex = 'F' AND length(birth_date) = 10 AND birth_date BETWEEN ? AND ?`)
      .pluck()
      .all(addDays(today, -40 * 366), addDays(today, -18 * 366)) as string[];
    const pregnancy = sqlite.prepare(
      `INSERT INTO imm_pregnancies (id, owner_facility, hlc, deleted, person_id, lmp, expected_delivery, created_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
    );
    for (const w of women) {
      if (rng.next() >= 0.012) continue;
      const lmp = addDays(today, -Math.floor(rng.next() * 250));
      pregnancy.run(uuidv7(), facility, `${'0'.repeat(15)}-0000-bench`, w, lmp, addDays(lmp, 280), `${lmp}T02:00:00.000Z`);
      pregnancies++;
      // UV1 at the first antenatal visit (about 12 weeks), UV2 a month later, when those dates have come.
      let prev: string | null = null;
      for (const dose of TETANUS_WOMEN.series[0]!.doses.slice(0, 2)) {
        const date: string = prev ? addDays(prev, 30 + late()) : addDays(lmp, 84 + late());
        if (date > today || rng.next() >= 0.96) break;
        write(w, dose.vaccines[0]!, 'uv', TETANUS_WOMEN.id, date, false, null);
        prev = date;
      }
    }
  })();
  return { children: kids.length, doses, pregnancies };
}
