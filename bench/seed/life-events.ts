import { addDaysIso, ageOn, isoDay, localTime } from './population.js';
import type { Rng } from './rng.js';
import type { PersonPlan, Shape, Task, World } from './types.js';

/**
 * Deaths and moves during the visit window, through `persons.recordLifeEvent` (a relative reports it a few days
 * later); when a head of household dies, the family names a new head (`households.update`) a few weeks on.
 * Mothers of children under 6 neither die nor move away (immunization follows children through their mothers).
 */

/** Annual probability of dying by age (rough Vietnamese life table). */
function mortality(age: number): number {
  if (age < 1) return 0.012;
  if (age < 15) return 0.0004;
  if (age < 40) return 0.0012;
  if (age < 60) return 0.004;
  if (age < 70) return 0.012;
  if (age < 80) return 0.03;
  if (age < 90) return 0.08;
  return 0.18;
}

/** Annual probability of moving away for good (young adults leave for work in the cities). */
function migration(age: number): number {
  if (age >= 18 && age < 36) return 0.012;
  if (age >= 36 && age < 60) return 0.003;
  return 0;
}

interface Succession {
  householdKey: number;
  at: number;
  newHead: PersonPlan;
}

const DAY = 86_400_000;

function reportTime(rng: Rng, date: string, lagDays: number, windowEnd: number): number {
  const at = localTime(addDaysIso(date, lagDays), 8, rng.int(0, 8 * 60 - 1));
  return Math.min(at, windowEnd - 12 * 3_600_000);
}

const successions = new WeakMap<World, Succession[]>();

export const lifeEventsShape: Shape = {
  name: 'life-events',
  plan(world, rng) {
    const years = world.options.visitYears;
    const windowDays = Math.floor((world.windowEnd - world.windowStart) / DAY);
    const today = world.options.today;
    const protectedMothers = new Set<number>();
    for (const p of world.persons) {
      if (p.motherKey !== null && p.fields.birthDate.length === 10 && ageOn(p.fields.birthDate, today) < 6) protectedMothers.add(p.motherKey);
    }
    const list: Succession[] = [];
    for (const p of world.persons) {
      if (p.duplicateOf !== null || p.registerAt >= world.windowStart || protectedMothers.has(p.key)) continue;
      const age = ageOn(p.fields.birthDate, today);
      const dies = rng.chance(1 - (1 - mortality(age)) ** years);
      const moves = !dies && p.relation !== 'head' && rng.chance(1 - (1 - migration(age)) ** years);
      if (!dies && !moves) continue;
      const date = isoDay(world.windowStart + rng.int(1, windowDays - 20) * DAY);
      p.leaves = dies ? { kind: 'died', date } : { kind: 'moved_away', date, place: rng.pick(world.profile.destinations) };
    }
    // A new head for households whose head died, chosen among members still there.
    for (const h of world.households) {
      const head = world.persons[h.memberKeys[0]!]!;
      if (head.leaves?.kind !== 'died') continue;
      const at = localTime(addDaysIso(head.leaves.date, rng.int(20, 60)), 9, rng.int(0, 6 * 60));
      if (at >= world.windowEnd) continue;
      const date = isoDay(at);
      const stays = (m: PersonPlan) =>
        m !== head && m.duplicateOf === null && m.registerAt < at && (!m.leaves || m.leaves.date > date) && ageOn(m.fields.birthDate, date) >= 18;
      const members = h.memberKeys.map((k) => world.persons[k]!).filter(stays);
      const newHead = members.find((m) => m.relation === 'spouse') ?? members.sort((a, b) => a.fields.birthDate.localeCompare(b.fields.birthDate))[0];
      if (newHead) list.push({ householdKey: h.key, at, newHead });
    }
    successions.set(world, list);
  },
  tasks(world, rng) {
    const tasks: Task[] = [];
    for (const p of world.persons) {
      const leaves = p.leaves;
      if (!leaves) continue;
      tasks.push({
        at: reportTime(rng, leaves.date, rng.int(1, 10), world.windowEnd),
        run(env) {
          env.call('persons.recordLifeEvent', { personId: p.id!, kind: leaves.kind, date: leaves.date, place: leaves.place });
        },
      });
    }
    for (const s of successions.get(world) ?? []) {
      tasks.push({
        at: s.at,
        run(env) {
          env.call('households.update', { id: world.households[s.householdKey]!.id!, headPersonId: s.newHead.id! });
        },
      });
    }
    return tasks;
  },
  summary(world) {
    const died = world.persons.filter((p) => p.leaves?.kind === 'died').length;
    const moved = world.persons.filter((p) => p.leaves?.kind === 'moved_away').length;
    return `${died} deaths, ${moved} moved away, ${successions.get(world)?.length ?? 0} new heads of household`;
  },
};
