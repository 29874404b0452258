import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.js';
import { users } from '../auth/schema.js';
import { hashPassword } from '../auth/password.js';
import type { HandlerMap } from '../dispatch/types.js';
import { writeMeta } from '../sync-data/meta.js';
import { facility, hamlets } from './schema.js';
import { currentFacility, isConfigured } from './service.js';

export const setupHandlers = {
  'setup.status': (_input, ctx) => ({ configured: isConfigured(ctx.station), facility: currentFacility(ctx.station) }),

  'setup.complete': (input, ctx) => {
    if (isConfigured(ctx.station)) throw new AppError('SETUP_ALREADY_DONE');
    // The facility code becomes the owner of every row this station creates, so it is set first.
    writeMeta(ctx.station.sqlite, 'facility.code', input.facility.code);
    ctx.write.insert(facility, input.facility);
    input.hamlets.forEach((name, i) => ctx.write.insert(hamlets, { name, sort: i + 1 }));
    const admin = ctx.write.insert(users, {
      username: input.admin.username,
      fullName: input.admin.fullName,
      role: 'admin',
      passwordHash: hashPassword(input.admin.password),
      active: true,
      locale: input.locale,
      createdAt: ctx.now.toISOString(),
    });
    ctx.audit({ kind: 'change', action: 'setup.complete', entity: 'facility', entityId: input.facility.code, details: { admin: admin.username } });
    return { facility: currentFacility(ctx.station)! };
  },

  'facility.update': (input, ctx) => {
    const row = ctx.station.db.select().from(facility).where(eq(facility.code, ctx.station.facilityCode()!)).get();
    if (!row) throw new AppError('SETUP_REQUIRED');
    ctx.write.update(facility, row.id, { name: input.name, governingBody: input.governingBody });
    ctx.audit({ kind: 'change', action: 'facility.update', entity: 'facility', entityId: row.code });
    return { facility: currentFacility(ctx.station)! };
  },

  'hamlets.list': (_input, ctx) => ({
    hamlets: ctx.station.db
      .select({ id: hamlets.id, name: hamlets.name, sort: hamlets.sort })
      .from(hamlets)
      .where(eq(hamlets.deleted, false))
      .orderBy(asc(hamlets.sort), asc(hamlets.name))
      .all(),
  }),

  'hamlets.add': (input, ctx) => {
    const existing = ctx.station.db.select().from(hamlets).where(eq(hamlets.deleted, false)).all();
    if (existing.some((h) => h.name.toLowerCase() === input.name.toLowerCase())) {
      throw new AppError('VALIDATION_FAILED', {}, { fields: [{ path: 'name', message: 'v.hamletDuplicate' }], params: { name: input.name } });
    }
    const sort = existing.reduce((max, h) => Math.max(max, h.sort), 0) + 1;
    const row = ctx.write.insert(hamlets, { name: input.name, sort, note: input.note ?? null });
    ctx.audit({ kind: 'change', action: 'hamlets.add', entity: 'hamlets', entityId: row.id });
    return { hamlet: { id: row.id, name: row.name, sort: row.sort } };
  },
} satisfies Partial<HandlerMap>;
