import type Database from 'better-sqlite3';
import type { NcdProgram } from '../../../shared/ncd/program-schema.js';
import { BUILT_IN_PROGRAMS } from '../../../shared/ncd/programs.js';
import { storedPrograms } from './programs-store.js';

/** A program known to this station: shipped (resources/ncd/programs.json) or added by an administrator. */
export type ProgramEntry = NcdProgram & { builtIn: boolean; archived: boolean };

const BUILT_IN: readonly ProgramEntry[] = BUILT_IN_PROGRAMS.map((p) => ({ ...p, builtIn: true, archived: false }));

export function isBuiltInProgram(code: string): boolean {
  return BUILT_IN_PROGRAMS.some((p) => p.code === code);
}

/** Shipped programs first, then the stored ones by name; archived ones only when asked (admin screen). */
export function allPrograms(sqlite: Database.Database, opts: { includeArchived?: boolean } = {}): ProgramEntry[] {
  const stored = storedPrograms(sqlite).filter((p) => opts.includeArchived || !p.archived);
  return [...BUILT_IN, ...stored.sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'))];
}

/** Any known program, archived included (existing enrollments keep their program's name, fields and interval). */
export function findProgram(sqlite: Database.Database, code: string): ProgramEntry | undefined {
  return BUILT_IN.find((p) => p.code === code) ?? storedPrograms(sqlite).find((p) => p.code === code);
}

export function programName(sqlite: Database.Database, code: string): string {
  return findProgram(sqlite, code)?.nameVi ?? code;
}

/** Programs whose enrollment makes the person "with diabetes" for the BP target. */
export function isDiabetesProgram(sqlite: Database.Database, code: string): boolean {
  return findProgram(sqlite, code)?.control === 'diabetes';
}
