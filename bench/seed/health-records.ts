import type { ProcedureInput } from '../../shared/contract/index.js';
import { ageOn } from './population.js';
import type { Rng } from './rng.js';
import type { PersonPlan, Shape, Task } from './types.js';

/**
 * Section B of the personal health record for part of the population, through `healthRecord.updateSection`
 * (by a nurse, an hour after registration): known chronic conditions, allergies (which set the allergy flag),
 * risk factors of adults, birth details of young children, reproductive history of some women.
 */

type SectionInput = ProcedureInput<'healthRecord.updateSection'>;
/** A section without its person (the id exists only once the person is registered). */
type Section = SectionInput extends infer U ? (U extends unknown ? Omit<U, 'personId'> : never) : never;

const DRUG_ALLERGIES = ['Penicillin', 'Amoxicillin', 'Aspirin', 'Sulfamid (Cotrimoxazol)', 'Cephalexin', 'Ibuprofen', 'Thuốc cản quang'];
const FOOD_ALLERGIES = ['Tôm, cua', 'Hải sản', 'Nhộng tằm', 'Sữa bò', 'Trứng', 'Đậu phộng'];

function sections(rng: Rng, p: PersonPlan, today: string, latrine: 'flush' | 'double_vault' | 'bucket' | 'none' | 'other'): Section[] {
  const out: Section[] = [];
  const age = ageOn(p.fields.birthDate, today);
  if (p.conditions.length > 0) out.push({ section: 'diseases', value: { conditions: p.conditions } });
  if (rng.chance(0.03)) {
    const value = rng.chance(0.7) ? { drugs: rng.pick(DRUG_ALLERGIES) } : { food: rng.pick(FOOD_ALLERGIES) };
    out.push({ section: 'allergies', value });
  }
  if (age >= 18 && rng.chance(0.3)) {
    const man = p.fields.sex === 'M';
    out.push({
      section: 'riskFactors',
      value: {
        tobacco: man ? rng.weighted([['no', 50], ['yes', 15], ['regular', 25], ['quit', 10]] as const) : rng.chance(0.99) ? 'no' : 'yes',
        pipeTobacco: man && rng.chance(0.15) ? 'regular' : 'no',
        alcoholRegular: man ? rng.chance(0.35) : rng.chance(0.02),
        physicalActivity: rng.weighted([['none', 30], ['sometimes', 45], ['regular', 25]] as const),
        latrine,
      },
    });
  }
  if (p.fields.birthDate.length === 10 && age < 6 && rng.chance(0.7)) {
    const premature = rng.chance(0.07);
    out.push({
      section: 'birth',
      value: {
        delivery: rng.chance(0.3) ? 'caesarean' : 'normal',
        premature,
        asphyxia: rng.chance(0.01),
        birthWeightGrams: Math.round(premature ? rng.normal(2200, 300) : rng.normal(3150, 380)),
        birthLengthCm: Math.round(premature ? rng.normal(45, 2) : rng.normal(50, 1.8)),
      },
    });
  }
  if (p.fields.sex === 'F' && age >= 20 && age < 50 && rng.chance(0.2)) {
    const births = rng.int(1, 3);
    out.push({
      section: 'reproductive',
      value: {
        contraception: rng.pick(['Vòng tránh thai', 'Thuốc tránh thai', 'Bao cao su', 'Không']),
        pregnancies: births + (rng.chance(0.2) ? 1 : 0),
        births,
        normalDeliveries: births,
        livingChildren: births,
      },
    });
  }
  if (age >= 30 && rng.chance(0.04)) {
    out.push({ section: 'familyHistory', value: { items: [{ condition: rng.pick(['hypertension', 'diabetes', 'cancer', 'asthma'] as const), who: rng.pick(['Bố', 'Mẹ', 'Anh trai', 'Chị gái']) }] } });
  }
  return out;
}

export const healthRecordsShape: Shape = {
  name: 'health-records',
  tasks(world, rng) {
    const tasks: Task[] = [];
    const latrines = new Map<number, 'flush' | 'double_vault' | 'bucket' | 'none' | 'other'>();
    for (const p of world.persons) {
      if (p.duplicateOf !== null) continue;
      let latrine = latrines.get(p.householdKey);
      if (!latrine) latrines.set(p.householdKey, (latrine = rng.weighted(world.profile.latrines)));
      const at = p.registerAt + 3_600_000;
      const planned = sections(rng, p, world.options.today, latrine);
      if (planned.length === 0 || at >= world.windowEnd || (p.leaves && at >= Date.parse(`${p.leaves.date}T00:00:00Z`))) continue;
      tasks.push({
        at,
        run(env) {
          const nurse = env.staff.nurses[p.key % env.staff.nurses.length]!;
          for (const s of planned) env.call('healthRecord.updateSection', { ...s, personId: p.id! } as SectionInput, { as: nurse });
        },
      });
    }
    counted.set(world, tasks.length);
    return tasks;
  },
  summary: (world) => `${counted.get(world) ?? 0} persons with section B data (conditions, allergies, risk factors, birth, reproductive, family history)`,
};

const counted = new WeakMap<object, number>();
