import type { PersonFields } from '../../../shared/contract/persons.js';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';

/** A family for immunization tests, created through the real procedures: parents, and children of given birth dates. */
export async function seedImmFamily(t: TestStation, token: string, opts: { hamletIndex?: number; surname?: string; children?: { name: string; birthDate: string; sex?: 'M' | 'F' }[] } = {}) {
  const { hamlets } = await t.ok('hamlets.list', {}, { token });
  const hamlet = hamlets[opts.hamletIndex ?? 0]!;
  const surname = opts.surname ?? 'Nguyễn';
  const fields = (over: Partial<PersonFields> & Pick<PersonFields, 'fullName' | 'sex' | 'birthDate'>) => ({ ethnicityCode: '01', nationality: 'Việt Nam', ...over }) as PersonFields;
  const created = await t.ok(
    'households.create',
    {
      hamletId: hamlet.id,
      address: `Số 5, ${hamlet.name}`,
      head: fields({ fullName: `${surname} Văn Bố`, sex: 'M', birthDate: '1990-02-02', phone: '0912345678' }),
      confirmNotDuplicate: true,
      confirmCccdWarnings: true,
    },
    { token },
  );
  const mother = await t.ok(
    'persons.register',
    { householdId: created.household.id, relationToHead: 'spouse', person: fields({ fullName: `Trần Thị Mẹ ${surname}`, sex: 'F', birthDate: '1995-05-05', phone: '0987000111' }), confirmNotDuplicate: true },
    { token },
  );
  const children: { id: string; fullName: string; birthDate: string }[] = [];
  for (const c of opts.children ?? []) {
    const baby = await t.ok('households.addNewborn', { motherId: mother.person.id, fullName: c.name, sex: c.sex ?? 'M', birthDate: c.birthDate }, { token });
    children.push({ id: baby.person.id, fullName: baby.person.fullName, birthDate: c.birthDate });
  }
  return { hamletId: hamlet.id, hamletName: hamlet.name, householdId: created.household.id, fatherId: created.head.id, motherId: mother.person.id, children };
}

/**
 * A new set-up station at 09:00 on 15/03/2026 (Viet Nam) with the administrator and a nurse signed in, for
 * `beforeEach(async () => ({ t, admin, nurse } = await freshImmStation()))`.
 */
export async function freshImmStation(): Promise<{ t: TestStation; admin: string; nurse: string }> {
  const t = createTestStation(new Date('2026-03-15T02:00:00Z'));
  const admin = await setUpStation(t);
  return { t, admin, nurse: await signInAs(t, admin, 'nurse') };
}
