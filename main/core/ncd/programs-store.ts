import type Database from 'better-sqlite3';
import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import { ncdProgramSchema } from '../../../shared/ncd/program-schema.js';
import { BUILT_IN_PROGRAMS } from '../../../shared/ncd/programs.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { currentFacility } from '../setup/service.js';
import { refuse } from '../visits/service.js';
import { allPrograms, findProgram, type ProgramEntry } from './programs.js';
import { ncdPrograms } from './schema.js';

/**
 * Administrator-defined programs, stored as JSON definitions in the synced table `ncd_programs`, so adding a program
 * (epilepsy, schizophrenia…) needs no code change and no migration: enrollments and follow-ups name the program by code.
 */

interface StoredRow {
  id: string;
  code: string;
  definition: string;
  archived: number;
  ownerFacility: string;
}

function storedRows(sqlite: Database.Database): StoredRow[] {
  // Oldest clock first, so a duplicate code that arrived by sync is overridden by the newest definition.
  return sqlite
    .prepare('SELECT id, code, definition, archived, owner_facility AS ownerFacility FROM ncd_programs WHERE deleted = 0 ORDER BY hlc')
    .all() as StoredRow[];
}

/**
 * The stored programs that are valid definitions; a row that does not parse (a newer app version's format, say) is
 * left out rather than breaking every screen. A stored code equal to a shipped one never overrides it.
 */
export function storedPrograms(sqlite: Database.Database): ProgramEntry[] {
  const byCode = new Map<string, ProgramEntry>();
  for (const row of storedRows(sqlite)) {
    if (BUILT_IN_PROGRAMS.some((p) => p.code === row.code)) continue;
    let json: unknown;
    try {
      json = JSON.parse(row.definition);
    } catch {
      continue;
    }
    const parsed = ncdProgramSchema.safeParse(json);
    if (!parsed.success) continue;
    byCode.set(row.code, { ...parsed.data, code: row.code, builtIn: false, archived: !!row.archived });
  }
  return [...byCode.values()];
}

function rowOf(sqlite: Database.Database, code: string): StoredRow | undefined {
  return storedRows(sqlite).filter((r) => r.code === code).pop();
}

function ownRow(ctx: HandlerContext, code: string, path: string): StoredRow | undefined {
  const row = rowOf(ctx.station.sqlite, code);
  if (row && row.ownerFacility !== currentFacility(ctx.station)?.code) refuse(ctx, [{ path, key: 'v.ncdProgramNotOwn', params: { code } }]);
  return row;
}

/** Adds or updates an administrator-defined program (a shipped program's code is refused). Returns its code. */
export function saveProgram(ctx: HandlerContext, input: ProcedureParsedInput<'ncd.saveProgram'>): string {
  const user = ctx.user();
  const p = input.program;
  if (BUILT_IN_PROGRAMS.some((b) => b.code === p.code)) refuse(ctx, [{ path: 'program.code', key: 'v.ncdProgramBuiltIn', params: { code: p.code } }]);
  const existing = ownRow(ctx, p.code, 'program.code');
  const values = { definition: JSON.stringify(p), updatedAt: ctx.now.toISOString(), updatedBy: user.fullName };
  const row = existing ? ctx.write.update(ncdPrograms, existing.id, values) : ctx.write.insert(ncdPrograms, { code: p.code, archived: false, ...values });
  ctx.audit({ kind: 'change', action: 'ncd.saveProgram', entity: 'ncd_programs', entityId: row.id, details: { code: p.code, created: !existing } });
  return p.code;
}

/** Archives (or restores) a stored program: existing enrollments keep it, new enrollments are refused. */
export function archiveProgram(ctx: HandlerContext, input: ProcedureParsedInput<'ncd.archiveProgram'>): void {
  ctx.user();
  if (BUILT_IN_PROGRAMS.some((b) => b.code === input.code)) refuse(ctx, [{ path: 'code', key: 'v.ncdProgramBuiltIn', params: { code: input.code } }]);
  const row = ownRow(ctx, input.code, 'code');
  if (!row) refuse(ctx, [{ path: 'code', key: 'v.ncdProgram', params: { code: input.code } }]);
  ctx.write.update(ncdPrograms, row.id, { archived: input.archived, updatedAt: ctx.now.toISOString(), updatedBy: ctx.user().fullName });
  ctx.audit({ kind: 'change', action: 'ncd.archiveProgram', entity: 'ncd_programs', entityId: row.id, details: { code: input.code, archived: input.archived } });
}

export const programHandlers = {
  'ncd.programs': (input, ctx) => ({ programs: allPrograms(ctx.station.sqlite, { includeArchived: input.includeArchived }) }),
  'ncd.saveProgram': (input, ctx) => ({ program: findProgram(ctx.station.sqlite, saveProgram(ctx, input))! }),
  'ncd.archiveProgram': (input, ctx) => {
    archiveProgram(ctx, input);
    return { program: findProgram(ctx.station.sqlite, input.code)! };
  },
} satisfies Partial<HandlerMap>;
