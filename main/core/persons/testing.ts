import type { PersonFields } from '../../../shared/contract/persons.js';
import type { TestStation } from '../testing/station.js';

/** A person's section A fields with sensible defaults, for tests. */
export function personFields(over: Partial<PersonFields> & Pick<PersonFields, 'fullName'>): PersonFields {
  return { sex: 'M', birthDate: '1980-05-12', ethnicityCode: '01', nationality: 'Việt Nam', ...over } as PersonFields;
}

/** Creates a household with its head through the real procedure; returns ids. */
export async function createHousehold(t: TestStation, token: string, head: Partial<PersonFields> & Pick<PersonFields, 'fullName'>, address = 'Số 12, Thôn 1') {
  const { hamlets } = await t.ok('hamlets.list', {}, { token });
  const r = await t.ok('households.create', { hamletId: hamlets[0]!.id, address, head: personFields(head), confirmNotDuplicate: true }, { token });
  return { householdId: r.household.id, headId: r.head.id, code: r.household.code, hamletId: hamlets[0]!.id };
}
