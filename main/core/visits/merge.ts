import { and, eq } from 'drizzle-orm';
import type { HandlerContext } from '../dispatch/types.js';
import { visits } from './schema.js';

/**
 * Person merge: every live visit of the duplicate moves to the surviving record (through the synced writer, so
 * the move syncs). Runs inside the merge's write transaction. Returns how many visits moved.
 */
export function movePersonVisits(ctx: HandlerContext, fromPersonId: string, toPersonId: string): number {
  const rows = ctx.station.db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.personId, fromPersonId), eq(visits.deleted, false)))
    .all();
  for (const row of rows) ctx.write.update(visits, row.id, { personId: toPersonId });
  return rows.length;
}
