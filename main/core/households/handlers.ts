import type { Relation } from '../../../shared/persons/relations.js';
import { AppError } from '../../../shared/errors.js';
import { newbornRelation } from '../../../shared/persons/relations.js';
import type { HandlerMap } from '../dispatch/types.js';
import { summariesByIds } from '../persons/repo.js';
import { households, persons } from '../persons/schema.js';
import { insertPerson, loadPerson, recordEvent, requireActive } from '../persons/service.js';
import { checkIdentity, checkPersonFields } from '../persons/validation.js';
import { HOUSEHOLD_SELECT, householdCode, householdView, loadHousehold, requireHamlet, toHousehold } from './service.js';

/** A split-off member's relation to the new head, from both relations to the old head. */
function relationAfterSplit(member: Relation, newHead: Relation): Relation {
  if (newHead === 'child' && member === 'child_in_law') return 'spouse';
  if ((newHead === 'child' || newHead === 'child_in_law') && member === 'grandchild') return 'child';
  return 'other';
}

export const householdsHandlers = {
  'households.list': (input, ctx) => {
    const where: string[] = ['h.deleted = 0'];
    const params: unknown[] = [];
    if (input.hamletId) (where.push('h.hamlet_id = ?'), params.push(input.hamletId));
    if (input.q) {
      where.push('(h.code LIKE ? OR h.address LIKE ? OR head.name_folded LIKE ?)');
      const like = `%${input.q.replace(/[%_]/g, '')}%`;
      params.push(like, like, `%${input.q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()}%`);
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const total = (ctx.station.sqlite.prepare(`SELECT count(*) AS n FROM households h LEFT JOIN persons head ON head.id = h.head_person_id ${clause}`).get(...params) as { n: number }).n;
    const rows = ctx.station.sqlite.prepare(`${HOUSEHOLD_SELECT} ${clause} ORDER BY h.dissolved, hm.sort, h.code LIMIT ? OFFSET ?`).all(...params, input.limit, input.offset);
    return { households: (rows as Parameters<typeof toHousehold>[0][]).map(toHousehold), total };
  },

  'households.get': (input, ctx) => {
    const household = householdView(ctx, input.id);
    const { sqlite } = ctx.station;
    const ids = (sqlite.prepare("SELECT id FROM persons WHERE household_id = ? AND status != 'merged' ORDER BY relation_to_head = 'head' DESC, birth_date").all(input.id) as { id: string }[]).map((r) => r.id);
    const summaries = summariesByIds(sqlite, ids);
    const events = sqlite
      .prepare(
        `SELECT e.id, e.kind, e.date, e.household_id AS householdId, e.details, u.full_name AS recordedBy, e.recorded_at AS recordedAt,
                e.person_id AS personId, p.full_name AS personName
         FROM person_events e JOIN persons p ON p.id = e.person_id LEFT JOIN users u ON u.id = e.recorded_by
         WHERE e.household_id = ? OR e.person_id IN (SELECT id FROM persons WHERE household_id = ?)
         ORDER BY e.date DESC, e.recorded_at DESC LIMIT 200`,
      )
      .all(input.id, input.id) as { details: string }[];
    return {
      household,
      members: ids.map((id) => summaries.get(id)!).filter(Boolean),
      events: events.map((e) => ({ ...e, details: JSON.parse(e.details || '{}') as Record<string, unknown> })) as never,
    };
  },

  'households.create': (input, ctx) => {
    requireHamlet(ctx, input.hamletId);
    checkPersonFields(ctx, input.head, 'head');
    checkIdentity(ctx, input.head, input, { hamletId: input.hamletId });
    const code = householdCode(ctx, input.code);
    const row = ctx.write.insert(households, {
      code,
      hamletId: input.hamletId,
      address: input.address,
      headPersonId: null,
      note: input.note ?? null,
      dissolved: false,
      createdAt: ctx.now.toISOString(),
    });
    const head = insertPerson(ctx, input.head, row.id, 'head');
    ctx.write.update(households, row.id, { headPersonId: head.id });
    ctx.audit({ kind: 'change', action: 'households.create', entity: 'households', entityId: row.id, personId: head.id });
    return { household: householdView(ctx, row.id), head };
  },

  'households.update': (input, ctx) => {
    const current = loadHousehold(ctx, input.id);
    if (input.hamletId) requireHamlet(ctx, input.hamletId);
    const patch: Partial<typeof households.$inferInsert> = { hamletId: input.hamletId, address: input.address, note: input.note };
    if (input.headPersonId && input.headPersonId !== current.headPersonId) {
      const newHead = loadPerson(ctx, input.headPersonId);
      if (newHead.householdId !== current.id || newHead.status !== 'active') throw new AppError('HOUSEHOLD_HEAD_INVALID');
      if (current.headPersonId) ctx.write.update(persons, current.headPersonId, { relationToHead: 'other' });
      ctx.write.update(persons, newHead.id, { relationToHead: 'head' });
      patch.headPersonId = newHead.id;
      recordEvent(ctx, newHead.id, 'changed_household', ctx.today, current.id, { becameHead: true });
    }
    ctx.write.update(households, current.id, patch);
    return { household: householdView(ctx, current.id) };
  },

  'households.split': (input, ctx) => {
    const source = loadHousehold(ctx, input.householdId);
    if (!input.memberIds.includes(input.newHeadId)) throw new AppError('HOUSEHOLD_HEAD_INVALID');
    const members = input.memberIds.map((id) => loadPerson(ctx, id));
    for (const m of members) {
      requireActive(m);
      if (m.householdId !== source.id || m.id === source.headPersonId) throw new AppError('HOUSEHOLD_HEAD_INVALID');
    }
    if (input.hamletId) requireHamlet(ctx, input.hamletId);
    const newHead = members.find((m) => m.id === input.newHeadId)!;
    const created = ctx.write.insert(households, {
      code: householdCode(ctx),
      hamletId: input.hamletId ?? source.hamletId,
      address: input.address ?? source.address,
      headPersonId: newHead.id,
      note: null,
      dissolved: false,
      createdAt: ctx.now.toISOString(),
    });
    for (const m of members) {
      const relation = m.id === newHead.id ? 'head' : relationAfterSplit(m.relationToHead as Relation, newHead.relationToHead as Relation);
      ctx.write.update(persons, m.id, { householdId: created.id, relationToHead: relation });
      recordEvent(ctx, m.id, 'household_split', input.date, created.id, { from: source.id, fromCode: source.code, to: created.id, toCode: created.code });
    }
    ctx.audit({ kind: 'change', action: 'households.split', entity: 'households', entityId: created.id, details: { from: source.id, members: input.memberIds } });
    return { household: householdView(ctx, created.id) };
  },

  'households.addNewborn': (input, ctx) => {
    const mother = loadPerson(ctx, input.motherId);
    requireActive(mother);
    if (mother.sex !== 'F' || !mother.householdId) throw new AppError('VALIDATION_FAILED', {}, { fields: [{ path: 'motherId', message: 'v.required' }] });
    const household = loadHousehold(ctx, mother.householdId);
    const fatherRow =
      mother.relationToHead === 'spouse' && household.headPersonId
        ? loadPerson(ctx, household.headPersonId)
        : mother.relationToHead === 'head'
          ? (ctx.station.sqlite
              .prepare("SELECT full_name AS fullName FROM persons WHERE household_id = ? AND relation_to_head = 'spouse' AND sex = 'M' AND status = 'active' LIMIT 1")
              .get(household.id) as { fullName: string } | undefined)
          : undefined;
    const fields = {
      fullName: input.fullName,
      sex: input.sex,
      birthDate: input.birthDate,
      ethnicityCode: mother.ethnicityCode,
      nationality: mother.nationality,
      religion: mother.religion ?? undefined,
      motherName: mother.fullName,
      fatherName: fatherRow?.fullName,
      permanentAddress: mother.permanentAddress ?? undefined,
      currentAddress: mother.currentAddress ?? undefined,
      phone: mother.phone ?? undefined,
      carerName: mother.fullName,
      carerRelation: 'Mẹ',
      carerPhone: mother.phone ?? undefined,
      note: input.note,
    };
    checkPersonFields(ctx, fields, '');
    const person = insertPerson(ctx, fields, household.id, newbornRelation(mother.relationToHead as Relation));
    ctx.audit({ kind: 'change', action: 'households.addNewborn', entity: 'persons', entityId: person.id, personId: person.id, details: { motherId: mother.id } });
    return { person };
  },
} satisfies Partial<HandlerMap>;
