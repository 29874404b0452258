import type { PersonFields } from '../../../shared/contract/persons.js';
import type { TestStation } from '../testing/station.js';

/** A household in Thôn 1 with its head and two more members, created through the real procedures (for tests). */
export async function seedFamily(t: TestStation, token: string) {
  const { hamlets } = await t.ok('hamlets.list', {}, { token });
  const fields = (over: Partial<PersonFields> & Pick<PersonFields, 'fullName' | 'sex' | 'birthDate'>) =>
    ({ ethnicityCode: '01', nationality: 'Việt Nam', ...over }) as PersonFields;
  const created = await t.ok(
    'households.create',
    {
      hamletId: hamlets[0]!.id,
      address: 'Số 12, đường Trần Hưng Đạo',
      head: fields({
        fullName: 'Nguyễn Văn Hùng',
        sex: 'M',
        birthDate: '1975-04-30',
        ethnicityCode: '02',
        occupation: 'Làm ruộng',
        cccd: '015075001234',
        bhytCardCode: 'GD4151234567890',
        bhytValidFrom: '2026-01-01',
        bhytValidTo: '2026-12-31',
      }),
      confirmNotDuplicate: true,
      confirmCccdWarnings: true,
    },
    { token },
  );
  const householdId = created.household.id;
  const wife = await t.ok(
    'persons.register',
    { householdId, relationToHead: 'spouse', person: fields({ fullName: 'Lò Thị Ánh', sex: 'F', birthDate: '1980', ethnicityCode: '03', occupation: 'Giáo viên' }), confirmNotDuplicate: true },
    { token },
  );
  const toddler = await t.ok(
    'persons.register',
    { householdId, relationToHead: 'child', person: fields({ fullName: 'Nguyễn Minh Đức', sex: 'M', birthDate: '2024-01-10' }), confirmNotDuplicate: true },
    { token },
  );
  return { householdId, hamletName: hamlets[0]!.name, head: created.head, wife: wife.person, toddler: toddler.person };
}
